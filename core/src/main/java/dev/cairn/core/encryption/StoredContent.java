package dev.cairn.core.encryption;

import dev.cairn.core.id.ContentId;
import java.util.Objects;

/**
 * A content stored encrypted: what the caller keeps (in the database) to read it back.
 *
 * @param id BLAKE3-256 of the stored ciphertext, the content's identity and its blob's name
 * @param size length in bytes (plaintext and ciphertext alike)
 * @param wrappedKey the content key, wrapped by the master key and bound to {@code id}
 */
public record StoredContent(ContentId id, long size, WrappedKey wrappedKey) {
    public StoredContent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(wrappedKey, "wrappedKey");
        if (size < 0) {
            throw new IllegalArgumentException("a content size must be >= 0, got " + size);
        }
    }
}
