package dev.cairn.core.conversion;

import dev.cairn.core.encryption.ContentVault;
import dev.cairn.core.encryption.WrappedKey;
import dev.cairn.core.id.ContentId;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Plaintext a transcoder reads, from any position: containers keep their index at the end (MP4's {@code moov}) and a
 * preview starts a third in, so a decoder seeks. A stored content is one without ever being decrypted to disk: CTR
 * decrypts any byte range on its own ({@link #decrypting}).
 */
public interface MediaSource {
    /** The plaintext's length in bytes. */
    long size();

    /**
     * The plaintext from byte {@code offset} to its end; the caller closes it.
     *
     * @throws IllegalArgumentException if {@code offset} is not within {@code [0, size()]}
     */
    InputStream openAt(long offset) throws IOException;

    /** Content {@code id} of {@code size} bytes, decrypted from its blob as it is read. */
    static MediaSource decrypting(ContentVault vault, ContentId id, WrappedKey key, long size) {
        Objects.requireNonNull(vault, "vault");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(key, "key");
        if (size < 0) {
            throw new IllegalArgumentException("a content size is >= 0 bytes, got " + size);
        }
        return new MediaSource() {
            @Override
            public long size() {
                return size;
            }

            @Override
            public InputStream openAt(long offset) throws IOException {
                checkOffset(offset, size);
                return vault.openRange(id, key, offset, size - offset);
            }

            @Override
            public String toString() {
                return "content " + id;
            }
        };
    }

    /** Bytes in memory (tests, small inputs). */
    static MediaSource of(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return new MediaSource() {
            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public InputStream openAt(long offset) {
                checkOffset(offset, bytes.length);
                return new ByteArrayInputStream(bytes, (int) offset, bytes.length - (int) offset);
            }

            @Override
            public String toString() {
                return bytes.length + " bytes in memory";
            }
        };
    }

    private static void checkOffset(long offset, long size) {
        if (offset < 0 || offset > size) {
            throw new IllegalArgumentException("an offset is within [0, " + size + "], got " + offset);
        }
    }
}
