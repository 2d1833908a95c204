package dev.cairn.adapters.http.storage;

import dev.cairn.core.blob.BlobStore;
import dev.cairn.core.blob.NoSuchBlobException;
import dev.cairn.core.id.ContentId;
import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.util.Objects;
import java.util.Optional;

/**
 * The encrypted blobs of a {@link BlobStore} as stored files: a blob's FileId is its ContentId, the hash of its bytes,
 * so the bytes under an id cannot change. Served as {@code application/octet-stream}: they are ciphertext.
 */
public final class BlobStoredFiles implements StoredFiles {
    private static final String CONTENT_TYPE = "application/octet-stream";

    private final BlobStore store;

    public BlobStoredFiles(BlobStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public Optional<StoredFile> find(FileId id) throws IOException {
        ContentId blob = id.asContentId();
        try {
            return Optional.of(new Blob(store, blob, store.size(blob)));
        } catch (NoSuchBlobException e) {
            return Optional.empty();
        }
    }

    private record Blob(BlobStore store, ContentId id, long size) implements StoredFile {
        @Override
        public String contentType() {
            return CONTENT_TYPE;
        }

        @Override
        public ReadableByteChannel open(long offset) throws IOException {
            return store.open(id, offset);
        }
    }
}
