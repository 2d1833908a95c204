package dev.cairn.adapters.http.view;

import dev.cairn.adapters.http.storage.StoredFile;
import dev.cairn.core.blob.BlobStore;
import dev.cairn.core.conversion.Derivative;
import dev.cairn.core.encryption.ContentVault;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;

/**
 * A ready rendition as a file to serve: decrypted from any offset through {@link ContentVault#openRange} (CTR
 * decrypts from any byte) when it is stored encrypted, read as it is otherwise.
 */
record RenditionFile(ContentVault vault, BlobStore blobs, Derivative rendition, String contentType)
        implements StoredFile {

    @Override
    public long size() {
        return rendition.bytes().orElseThrow();
    }

    @Override
    public ReadableByteChannel open(long offset) throws IOException {
        var blob = rendition.blob().orElseThrow();
        if (rendition.wrappedKey().isEmpty()) {
            return blobs.open(blob, offset);
        }
        return Channels.newChannel(vault.openRange(blob, rendition.wrappedKey().get(), offset, size() - offset));
    }
}
