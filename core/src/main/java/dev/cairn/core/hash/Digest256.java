package dev.cairn.core.hash;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable 32-byte value (a BLAKE3-256 output), ordered as an unsigned big-endian number.
 *
 * <p>The overlay needs that order ("min NodeID") and the leading bits (prefix matching), so both live here.
 */
public final class Digest256 implements Comparable<Digest256> {
    public static final int LENGTH = 32;
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] bytes;
    /** Digests are map keys by the million in the overlay: hashed once, the same value as before it was cached. */
    private final int hash;

    private Digest256(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    /** Wraps a copy of exactly 32 bytes. */
    public static Digest256 of(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a 256-bit digest has 32 bytes, got " + bytes.length);
        }
        return new Digest256(bytes.clone());
    }

    /** Parses 64 lowercase hex characters; anything else is rejected with the offending text in the message. */
    public static Digest256 fromHex(String hex) {
        if (hex == null || hex.length() != 2 * LENGTH) {
            throw new IllegalArgumentException("expected 64 lowercase hex characters, got "
                    + (hex == null ? "null" : "'" + abbreviate(hex) + "' (" + hex.length() + " characters)"));
        }
        byte[] bytes = LowerHex.decode(hex);
        if (bytes == null) {
            throw new IllegalArgumentException("expected 64 lowercase hex characters, got '" + abbreviate(hex)
                    + "' (bad character at index " + LowerHex.indexOfNonLowerHex(hex) + ")");
        }
        return new Digest256(bytes);
    }

    /** BLAKE3-256 of {@code input}. */
    public static Digest256 blake3(byte[] input) {
        return new Digest256(Blake3.hash(input));
    }

    public byte[] toBytes() {
        return bytes.clone();
    }

    /** Byte {@code i} (0..31) as an unsigned value. */
    public int byteAt(int i) {
        return bytes[i] & 0xff;
    }

    /** Bit {@code i} counted from the most significant bit of byte 0. */
    public boolean bit(int i) {
        if (i < 0 || i >= LENGTH * 8) {
            throw new IndexOutOfBoundsException("bit index must be in [0, 256): " + i);
        }
        return ((bytes[i >>> 3] >>> (7 - (i & 7))) & 1) == 1;
    }

    /** Whether the first {@code bits} bits of this and {@code other} are equal (0 bits always match). */
    public boolean sharesPrefix(Digest256 other, int bits) {
        if (bits < 0 || bits > LENGTH * 8) {
            throw new IllegalArgumentException("prefix length must be in [0, 256]: " + bits);
        }
        int full = bits >>> 3;
        if (Arrays.compare(bytes, 0, full, other.bytes, 0, full) != 0) {
            return false;
        }
        int rest = bits & 7;
        if (rest == 0) {
            return true;
        }
        int mask = 0xff00 >>> rest & 0xff;
        return (bytes[full] & mask) == (other.bytes[full] & mask);
    }

    /** Lowercase hex, the wire form. */
    public String hex() {
        return HEX.formatHex(bytes);
    }

    @Override
    public int compareTo(Digest256 other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof Digest256 d && d.hash == hash && Arrays.equals(bytes, d.bytes));
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return hex();
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
