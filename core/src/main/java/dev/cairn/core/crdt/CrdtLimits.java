package dev.cairn.core.crdt;

/**
 * Hard limits a {@link CrdtCodec} enforces on both sides: it refuses to encode a value that its peer would refuse to
 * decode, and it checks every declared count and length against these limits and against the bytes left before it
 * allocates anything.
 *
 * @param maxEntries most slots of one G-Counter (each half of a PN-Counter) and most entries of one LWW-Element-Set
 * @param maxElementBytes longest encoded element of an LWW-Element-Set or value of an LWW-Register
 * @param maxPrecision highest HyperLogLog precision accepted
 */
public record CrdtLimits(int maxEntries, int maxElementBytes, int maxPrecision) {
    /** Most entries any limit may allow: a count is a 32-bit field, but 16 M entries is already far past any record. */
    public static final int ENTRIES_CEILING = 1 << 24;

    /**
     * Generous for the overlay's records: 100,000 members or counter slots, 64 KiB per element (a receipt is about 140
     * bytes), and the highest precision HyperLogLog supports.
     */
    public static final CrdtLimits DEFAULT = new CrdtLimits(100_000, 64 * 1024, HyperLogLog.MAX_PRECISION);

    public CrdtLimits {
        if (maxEntries < 0 || maxEntries > ENTRIES_CEILING) {
            throw new IllegalArgumentException("maxEntries must be in [0, " + ENTRIES_CEILING + "]: " + maxEntries);
        }
        if (maxElementBytes < 0 || maxElementBytes > ENTRIES_CEILING) {
            throw new IllegalArgumentException(
                    "maxElementBytes must be in [0, " + ENTRIES_CEILING + "]: " + maxElementBytes);
        }
        if (maxPrecision < HyperLogLog.MIN_PRECISION || maxPrecision > HyperLogLog.MAX_PRECISION) {
            throw new IllegalArgumentException("maxPrecision must be in [" + HyperLogLog.MIN_PRECISION + ", "
                    + HyperLogLog.MAX_PRECISION + "]: " + maxPrecision);
        }
    }
}
