package dev.cairn.core.encryption;

import dev.cairn.core.id.ContentId;
import java.util.Objects;

/**
 * What an {@link EncryptingSink} produced: the id of the ciphertext (its BLAKE3-256) and its length.
 *
 * @param id BLAKE3-256 of all ciphertext bytes, from position 0
 * @param size ciphertext length in bytes, equal to the plaintext length (CTR adds nothing)
 */
public record EncryptedBlob(ContentId id, long size) {
    public EncryptedBlob {
        Objects.requireNonNull(id, "id");
        if (size < 0) {
            throw new IllegalArgumentException("a blob size must be >= 0, got " + size);
        }
    }
}
