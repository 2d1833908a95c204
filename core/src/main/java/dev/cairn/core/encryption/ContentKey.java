package dev.cairn.core.encryption;

import dev.cairn.core.port.RandomBytes;
import java.util.Arrays;

/**
 * The secret of one content: an AES-256 key and the initial CTR counter block (IV) its ciphertext starts from.
 *
 * <p>A class rather than a record so that the bytes stay private to this package (only {@link MasterKey#wrap} lets
 * them out, encrypted), are copied defensively, and never reach a log through {@code toString}.
 */
public final class ContentKey {
    /** Length of the AES-256 key in bytes. */
    public static final int KEY_LENGTH = 32;
    /** Length of the CTR IV (one AES block) in bytes. */
    public static final int IV_LENGTH = 16;

    private final byte[] key;
    private final byte[] iv;

    private ContentKey(byte[] key, byte[] iv) {
        this.key = key;
        this.iv = iv;
    }

    /** A new random key and IV, drawn from {@code random}. */
    public static ContentKey generate(RandomBytes random) {
        return new ContentKey(random.bytes(KEY_LENGTH), random.bytes(IV_LENGTH));
    }

    /** The key and IV as one 48-byte array (the plaintext {@link MasterKey} wraps). */
    byte[] toBytes() {
        byte[] out = Arrays.copyOf(key, KEY_LENGTH + IV_LENGTH);
        System.arraycopy(iv, 0, out, KEY_LENGTH, IV_LENGTH);
        return out;
    }

    /** The inverse of {@link #toBytes}. */
    static ContentKey fromBytes(byte[] keyAndIv) {
        if (keyAndIv.length != KEY_LENGTH + IV_LENGTH) {
            throw new IllegalArgumentException(
                    "a content key is " + (KEY_LENGTH + IV_LENGTH) + " bytes (key and IV), got " + keyAndIv.length);
        }
        return new ContentKey(
                Arrays.copyOfRange(keyAndIv, 0, KEY_LENGTH),
                Arrays.copyOfRange(keyAndIv, KEY_LENGTH, KEY_LENGTH + IV_LENGTH));
    }

    byte[] key() {
        return key.clone();
    }

    byte[] iv() {
        return iv.clone();
    }

    /** Constant-time: equality of secrets must not leak how many leading bytes matched. */
    @Override
    public boolean equals(Object o) {
        return o instanceof ContentKey other
                && java.security.MessageDigest.isEqual(key, other.key)
                && java.security.MessageDigest.isEqual(iv, other.iv);
    }

    @Override
    public int hashCode() {
        // Not derived from the secret: a hash code can end up in logs and dumps.
        return ContentKey.class.hashCode();
    }

    @Override
    public String toString() {
        return "ContentKey[redacted]";
    }
}
