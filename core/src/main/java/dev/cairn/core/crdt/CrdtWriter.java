package dev.cairn.core.crdt;

import java.util.Arrays;

/**
 * A growable big-endian byte sink, the counterpart of {@link CrdtReader}; public so that formats built on these values
 * can embed them.
 */
public final class CrdtWriter {
    private byte[] buffer;
    private int size;

    public CrdtWriter() {
        this(64);
    }

    public CrdtWriter(int initialCapacity) {
        buffer = new byte[Math.max(16, initialCapacity)];
    }

    public CrdtWriter u8(int value) {
        if (value < 0 || value > 0xff) {
            throw new IllegalArgumentException("u8 must be in [0, 255]: " + value);
        }
        ensure(1);
        buffer[size++] = (byte) value;
        return this;
    }

    public CrdtWriter u32(long value) {
        if (value < 0 || value > 0xffff_ffffL) {
            throw new IllegalArgumentException("u32 must be in [0, 2^32): " + value);
        }
        ensure(4);
        for (int shift = 24; shift >= 0; shift -= 8) {
            buffer[size++] = (byte) (value >>> shift);
        }
        return this;
    }

    /** A non-negative long as eight big-endian bytes. */
    public CrdtWriter u63(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("u63 must be >= 0: " + value);
        }
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buffer[size++] = (byte) (value >>> shift);
        }
        return this;
    }

    public CrdtWriter bytes(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, size, bytes.length);
        size += bytes.length;
        return this;
    }

    /** A u32 length, then the bytes. */
    public CrdtWriter lengthPrefixed(byte[] bytes) {
        return u32(bytes.length).bytes(bytes);
    }

    public CrdtWriter nodeId(dev.cairn.core.id.NodeId id) {
        return bytes(id.value().toBytes());
    }

    public CrdtWriter dominance(Dominance d) {
        return u63(d.logicalCounter()).u63(d.timestampMillis()).nodeId(d.nodeId());
    }

    public int size() {
        return size;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }

    private void ensure(int more) {
        if (size + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
        }
    }
}
