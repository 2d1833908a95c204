package dev.cairn.core.crdt;

/**
 * Bytes that are not the canonical encoding of a CRDT value: truncated, oversized, out of limits, out of order or
 * otherwise garbage. The only exception the decoders throw; the message names what was wrong and where.
 */
public final class CrdtFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int offset;

    public CrdtFormatException(int offset, String problem) {
        super("bad CRDT encoding at offset " + offset + ": " + problem);
        this.offset = offset;
    }

    public CrdtFormatException(int offset, String problem, Throwable cause) {
        super("bad CRDT encoding at offset " + offset + ": " + problem, cause);
        this.offset = offset;
    }

    /** Byte offset into the input at which the problem was found. */
    public int offset() {
        return offset;
    }
}
