package dev.cairn.core.canonical;

/**
 * A JSON integer within ±(2^53 − 1).
 *
 * <p>RFC 8785 reads numbers as IEEE 754 doubles, so a larger integer would be printed differently by a JavaScript or
 * Python JCS implementation than by us and signatures would stop verifying across implementations. Larger values (for
 * example 64-bit counters) travel as decimal strings instead.
 */
public record JsonInteger(long value) implements JsonValue {
    /** 2^53 − 1, the largest integer a double holds exactly together with all smaller ones. */
    public static final long MAX_SAFE = (1L << 53) - 1;

    public static final long MIN_SAFE = -MAX_SAFE;

    public JsonInteger {
        if (value < MIN_SAFE || value > MAX_SAFE) {
            throw new IllegalArgumentException("JSON integer out of the interoperable range [-(2^53-1), 2^53-1]: "
                    + value + " (send larger values as decimal strings)");
        }
    }
}
