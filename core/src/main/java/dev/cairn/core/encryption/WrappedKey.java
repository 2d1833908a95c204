package dev.cairn.core.encryption;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A {@link ContentKey} encrypted under a {@link MasterKey}: the only form in which a content key is stored.
 *
 * <p>Format v1, 81 bytes (see {@code docs/encryption.md}):
 *
 * <pre>
 * offset length
 *  0      1     version = 0x01 (AES-256-GCM, 96-bit nonce, 128-bit tag)
 *  1      4     master key id (first 4 bytes of BLAKE3("cairn master key id v1" || master key))
 *  5     12     GCM nonce, random
 * 17     48     encrypted content key (32) || CTR IV (16)
 * 65     16     GCM tag over bytes 0..4 and the {@link KeyContext}, as associated data
 * </pre>
 */
public final class WrappedKey {
    /** The only version so far. */
    public static final byte VERSION_1 = 1;

    static final int HEADER_LENGTH = 5;
    static final int NONCE_LENGTH = 12;
    static final int TAG_LENGTH = 16;
    static final int SEALED_LENGTH = ContentKey.KEY_LENGTH + ContentKey.IV_LENGTH + TAG_LENGTH;
    /** Length in bytes of a v1 wrapped key. */
    public static final int LENGTH = HEADER_LENGTH + NONCE_LENGTH + SEALED_LENGTH;

    private final byte[] bytes;

    private WrappedKey(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * Parses the stored form.
     *
     * @throws IllegalArgumentException if the length or version is not v1's, naming what was found
     */
    public static WrappedKey fromBytes(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a wrapped key is " + LENGTH + " bytes, got " + bytes.length);
        }
        if (bytes[0] != VERSION_1) {
            throw new IllegalArgumentException(
                    "unknown wrapped key version " + (bytes[0] & 0xff) + "; this build reads version " + VERSION_1);
        }
        return new WrappedKey(bytes.clone());
    }

    /** Assembles a v1 wrapped key; only {@link MasterKey} builds one from fresh parts. */
    static WrappedKey of(byte[] header, byte[] nonce, byte[] sealed) {
        byte[] out = new byte[LENGTH];
        System.arraycopy(header, 0, out, 0, HEADER_LENGTH);
        System.arraycopy(nonce, 0, out, HEADER_LENGTH, NONCE_LENGTH);
        System.arraycopy(sealed, 0, out, HEADER_LENGTH + NONCE_LENGTH, SEALED_LENGTH);
        return new WrappedKey(out);
    }

    /** The stored form. */
    public byte[] toBytes() {
        return bytes.clone();
    }

    /** The id (8 hex characters) of the master key this was wrapped under. */
    public String masterKeyId() {
        return HexFormat.of().formatHex(bytes, 1, HEADER_LENGTH);
    }

    byte[] header() {
        return Arrays.copyOfRange(bytes, 0, HEADER_LENGTH);
    }

    byte[] nonce() {
        return Arrays.copyOfRange(bytes, HEADER_LENGTH, HEADER_LENGTH + NONCE_LENGTH);
    }

    byte[] sealed() {
        return Arrays.copyOfRange(bytes, HEADER_LENGTH + NONCE_LENGTH, LENGTH);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WrappedKey other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Names the master key but not the bytes: they are useless without it, yet have no business in logs. */
    @Override
    public String toString() {
        return "WrappedKey[v1, master key " + masterKeyId() + "]";
    }
}
