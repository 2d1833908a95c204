package dev.cairn.core.encryption;

import dev.cairn.core.blob.BlobStore;
import dev.cairn.core.blob.PendingBlob;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.port.RandomBytes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.ReadableByteChannel;
import java.util.Objects;

/**
 * Content encrypted at rest: stores plaintext as AES-256-CTR ciphertext in a {@link BlobStore} under the ciphertext's
 * BLAKE3 id, each content with its own random key, kept only wrapped by the node's {@link MasterKey}; and reads any
 * byte range back without decrypting the rest. Thread-safe.
 *
 * <p>Building blocks for what this does not cover (an upload resumed across requests) are public: {@link
 * ContentKey#generate}, {@link MasterKey#wrap} with {@link KeyContext#upload}, {@link EncryptingSink#resume}.
 */
public final class ContentVault {
    private final BlobStore blobs;
    private final MasterKey masterKey;
    private final CtrCipher cipher;
    private final RandomBytes random;

    /**
     * @param random the source of content keys and IVs ({@link RandomBytes#secure()} in production)
     */
    public ContentVault(BlobStore blobs, MasterKey masterKey, CtrCipher cipher, RandomBytes random) {
        this.blobs = Objects.requireNonNull(blobs, "blobs");
        this.masterKey = Objects.requireNonNull(masterKey, "masterKey");
        this.cipher = Objects.requireNonNull(cipher, "cipher");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** Starts storing a new content under a fresh random key; write it, then {@link NewContent#commit()}. */
    public NewContent create() throws IOException {
        ContentKey key = ContentKey.generate(random);
        PendingBlob blob = blobs.openWriter();
        try {
            return new NewContent(blob, EncryptingSink.start(cipher, key, blob), key, masterKey);
        } catch (IOException | RuntimeException e) {
            blob.abort();
            throw e;
        }
    }

    /** Stores everything {@code plaintext} yields (it is not closed) as a new content. */
    public StoredContent store(InputStream plaintext) throws IOException {
        try (NewContent content = create()) {
            content.transferFrom(plaintext);
            return content.commit();
        }
    }

    /** The whole plaintext of content {@code id}, streamed. */
    public InputStream open(ContentId id, WrappedKey wrappedKey) throws IOException {
        return openRange(id, wrappedKey, 0, blobs.size(id));
    }

    /**
     * Bytes {@code [offset, offset + length)} of content {@code id}'s plaintext, streamed: decryption starts at block
     * {@code offset / 16} and drops the first {@code offset % 16} keystream bytes; memory use is one buffer.
     *
     * @throws InvalidRangeException if the range is not within the content
     * @throws dev.cairn.core.blob.NoSuchBlobException if there is no such content
     * @throws KeyUnwrapException if {@code wrappedKey} is not this content's key under this node's master key
     */
    public InputStream openRange(ContentId id, WrappedKey wrappedKey, long offset, long length) throws IOException {
        long size = blobs.size(id);
        if (offset < 0 || length < 0 || offset > size || length > size - offset) {
            throw new InvalidRangeException(id, offset, length, size);
        }
        ContentKey key = masterKey.unwrap(wrappedKey, KeyContext.content(id));
        if (length == 0) {
            return InputStream.nullInputStream();
        }
        ReadableByteChannel ciphertext = blobs.open(id, offset);
        try {
            return cipher.decrypting(key, offset, new BoundedChannel(ciphertext, length, "blob " + id));
        } catch (IOException | RuntimeException e) {
            ciphertext.close();
            throw e;
        }
    }
}
