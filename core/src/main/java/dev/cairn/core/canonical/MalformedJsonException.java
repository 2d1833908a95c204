package dev.cairn.core.canonical;

/** Input that {@link JsonParser} refuses, with the byte offset where it went wrong. */
public final class MalformedJsonException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final int offset;
    private final String problem;

    MalformedJsonException(int offset, String problem) {
        super("malformed JSON at byte " + offset + ": " + problem);
        this.offset = offset;
        this.problem = problem;
    }

    /** Offset in bytes from the start of the input. */
    public int offset() {
        return offset;
    }

    /** What was wrong, without the offset. */
    public String problem() {
        return problem;
    }
}
