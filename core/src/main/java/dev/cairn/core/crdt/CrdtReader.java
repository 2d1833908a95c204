package dev.cairn.core.crdt;

import dev.cairn.core.hash.Digest256;
import dev.cairn.core.id.NodeId;

/**
 * A bounds-checked big-endian cursor over encoded bytes; every failure is a {@link CrdtFormatException} naming the field
 * and the offset.
 *
 * <p>Public so that formats built on these values (DHT records) can embed CRDT states and dominance stamps and read
 * them with the same checks. Each read checks the remaining length before it allocates, so a hostile length field costs
 * nothing.
 */
public final class CrdtReader {
    private final byte[] input;
    private int position;

    /** Reads {@code input} from its first byte; the array is read in place, not copied. */
    public CrdtReader(byte[] input) {
        this.input = java.util.Objects.requireNonNull(input, "input");
    }

    public int offset() {
        return position;
    }

    public int remaining() {
        return input.length - position;
    }

    /** An unsigned byte. */
    public int u8(String what) {
        require(1, what);
        return input[position++] & 0xff;
    }

    /** An unsigned 32-bit big-endian integer. */
    public long u32(String what) {
        require(4, what);
        long value = 0;
        for (int i = 0; i < 4; i++) {
            value = (value << 8) | (input[position++] & 0xff);
        }
        return value;
    }

    /** An unsigned 64-bit big-endian integer whose top bit must be clear, so that it fits a Java {@code long}. */
    public long u63(String what) {
        int at = position;
        require(8, what);
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (input[position++] & 0xff);
        }
        if (value < 0) {
            throw new CrdtFormatException(at, what + " exceeds 2^63 - 1: " + Long.toUnsignedString(value));
        }
        return value;
    }

    /** Exactly {@code length} bytes, copied. */
    public byte[] bytes(int length, String what) {
        require(length, what);
        byte[] out = java.util.Arrays.copyOfRange(input, position, position + length);
        position += length;
        return out;
    }

    /** A u32 length of at most {@code maxLength}, then that many bytes. */
    public byte[] lengthPrefixed(String what, int maxLength) {
        int at = position;
        long length = u32(what + " length");
        if (length > maxLength) {
            throw new CrdtFormatException(at, what + " length " + length + " exceeds the limit " + maxLength);
        }
        return bytes((int) length, what);
    }

    /**
     * A u32 count of items that take at least {@code minBytesEach} bytes each, checked against {@code max} and against
     * the bytes left, so a caller may size an array by it.
     */
    public int count(String what, int max, int minBytesEach) {
        int at = position;
        long count = u32(what);
        if (count > max) {
            throw new CrdtFormatException(at, what + " " + count + " exceeds the limit " + max);
        }
        if (count * minBytesEach > remaining()) {
            throw new CrdtFormatException(
                    at,
                    what + " " + count + " needs at least " + count * minBytesEach + " bytes, " + remaining()
                            + " remain");
        }
        return (int) count;
    }

    /** A 32-byte node id. */
    public NodeId nodeId(String what) {
        require(Digest256.LENGTH, what);
        NodeId id = new NodeId(Digest256.of(java.util.Arrays.copyOfRange(input, position, position + 32)));
        position += Digest256.LENGTH;
        return id;
    }

    /** A dominance stamp: counter, timestamp, node id (see {@link Dominance#ENCODED_LENGTH}). */
    public Dominance dominance(String what) {
        long counter = u63(what + " logical counter");
        long timestamp = u63(what + " timestamp");
        return new Dominance(counter, timestamp, nodeId(what + " node id"));
    }

    /** Fails unless every byte has been read: trailing bytes would make two inputs decode to one value. */
    public void expectEnd(String what) {
        if (remaining() != 0) {
            throw new CrdtFormatException(position, remaining() + " trailing bytes after " + what);
        }
    }

    /** An exception for a problem found at {@code offset}; for checks this class cannot know. */
    public CrdtFormatException error(int offset, String problem) {
        return new CrdtFormatException(offset, problem);
    }

    private void require(long length, String what) {
        if (length > remaining()) {
            throw new CrdtFormatException(
                    position, "truncated " + what + ": needs " + length + " bytes, " + remaining() + " remain");
        }
    }
}
