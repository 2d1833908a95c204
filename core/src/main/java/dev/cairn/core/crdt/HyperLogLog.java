package dev.cairn.core.crdt;

import dev.cairn.core.hash.Blake3;
import java.util.Arrays;

/**
 * A HyperLogLog cardinality sketch (Flajolet et al. 2007) over 64-bit hashes, with Ertl's improved estimator.
 *
 * <p>The top {@code p} bits of an element's hash pick one of {@code m = 2^p} registers; the register keeps the
 * largest rank seen there, the rank being one more than the number of leading zeros in the remaining {@code 64 - p}
 * bits (at most {@code 65 - p}). Merge is the register-wise maximum, so it is commutative, associative and idempotent,
 * and the merge of two sketches equals the sketch of the union of their inputs. The estimate has a relative standard
 * error of about {@code 1.04 / sqrt(m)}: 0.81% at the default precision 14, as in Redis. See {@link HllEstimator}.
 *
 * <p>Representation: while fewer than {@code m / 4} registers are non-zero the sketch keeps only those, as sorted
 * {@code (index, rank)} pairs (sparse); from there on, one byte per register (dense). The form is a function of the
 * register values alone, so equal sketches have equal forms and equal bytes; sparse and dense give the same estimate
 * since they hold the same registers. One byte per register rather than six bits costs 4 KiB more at p = 14 but keeps
 * {@link #addHash} and {@link #merge} to single byte loads and stores, with no shifting across byte boundaries; the
 * wire form packs six bits.
 *
 * <p>Every {@code add} returns a new sketch (or this one when no register grows), which copies the registers; to feed
 * many elements, use a {@link HyperLogLogBuilder} and {@link HyperLogLogBuilder#build()} once.
 */
public final class HyperLogLog implements Crdt<HyperLogLog> {
    public static final int MIN_PRECISION = 4;
    public static final int MAX_PRECISION = 18;
    public static final int DEFAULT_PRECISION = 14;

    private static final HyperLogLog[] EMPTY = new HyperLogLog[MAX_PRECISION + 1];

    static {
        for (int p = MIN_PRECISION; p <= MAX_PRECISION; p++) {
            EMPTY[p] = new HyperLogLog(p, new int[0], null);
        }
    }

    private final int precision;
    // Exactly one is non-null. Sparse entries are (index << 6 | rank), sorted by index, every rank > 0; a rank is at
    // most 61 so it fits six bits. Neither array is mutated after construction.
    private final int[] sparse;
    private final byte[] dense;

    private HyperLogLog(int precision, int[] sparse, byte[] dense) {
        this.precision = precision;
        this.sparse = sparse;
        this.dense = dense;
    }

    /** An empty sketch of precision {@value #DEFAULT_PRECISION}. */
    public static HyperLogLog empty() {
        return EMPTY[DEFAULT_PRECISION];
    }

    /** An empty sketch of {@code 2^precision} registers, precision in [4, 18]. */
    public static HyperLogLog empty(int precision) {
        return EMPTY[checkPrecision(precision)];
    }

    /** A mutable builder for bulk adds, starting empty, of precision {@value #DEFAULT_PRECISION}. */
    public static HyperLogLogBuilder builder() {
        return builder(DEFAULT_PRECISION);
    }

    public static HyperLogLogBuilder builder(int precision) {
        return new HyperLogLogBuilder(checkPrecision(precision), new byte[1 << precision]);
    }

    /**
     * The 64-bit hash {@link #add} uses: the first eight bytes of the element's BLAKE3-256 hash as a big-endian number.
     * Part of the wire contract, since sketches from different nodes are merged.
     */
    public static long hash(byte[] element) {
        byte[] digest = Blake3.hash(element);
        long h = 0;
        for (int i = 0; i < 8; i++) {
            h = (h << 8) | (digest[i] & 0xff);
        }
        return h;
    }

    /** This sketch with {@code element} counted, hashed by {@link #hash}. */
    public HyperLogLog add(byte[] element) {
        return addHash(hash(element));
    }

    /**
     * This sketch with an element counted by its 64-bit hash, for callers that already hold a uniformly distributed
     * one. The first eight bytes of a BLAKE3 digest (a ViewID, a NodeID) qualify, read big-endian as {@link #hash} does.
     */
    public HyperLogLog addHash(long hash) {
        int index = index(hash, precision);
        int rank = rank(hash, precision);
        if (dense != null) {
            if (dense[index] >= rank) {
                return this;
            }
            byte[] registers = dense.clone();
            registers[index] = (byte) rank;
            return new HyperLogLog(precision, null, registers);
        }
        int at = Arrays.binarySearch(sparse, index << 6);
        at = at >= 0 ? at : -at - 1;
        if (at < sparse.length && sparse[at] >>> 6 == index) {
            if ((sparse[at] & 63) >= rank) {
                return this;
            }
            int[] entries = sparse.clone();
            entries[at] = index << 6 | rank;
            return new HyperLogLog(precision, entries, null);
        }
        int[] entries = new int[sparse.length + 1];
        System.arraycopy(sparse, 0, entries, 0, at);
        entries[at] = index << 6 | rank;
        System.arraycopy(sparse, at, entries, at + 1, sparse.length - at);
        return entries.length < sparseLimit(precision) ? new HyperLogLog(precision, entries, null) : densify(entries);
    }

    /** The register-wise maximum; both sketches must have the same precision. */
    @Override
    public HyperLogLog merge(HyperLogLog other) {
        if (other.precision != precision) {
            throw new IllegalArgumentException(
                    "cannot merge HyperLogLogs of precision " + precision + " and " + other.precision);
        }
        if (other == this) {
            return this;
        }
        if (dense != null && other.dense != null) {
            byte[] registers = new byte[dense.length];
            for (int i = 0; i < registers.length; i++) {
                registers[i] = (byte) Math.max(dense[i], other.dense[i]);
            }
            return new HyperLogLog(precision, null, registers);
        }
        if (dense != null || other.dense != null) {
            byte[] registers = (dense != null ? dense : other.dense).clone();
            (dense != null ? other : this).maxInto(registers);
            return new HyperLogLog(precision, null, registers);
        }
        return mergeSparse(other);
    }

    /** The estimated number of distinct elements counted. */
    public double estimate() {
        int[] histogram = new int[64 - precision + 2];
        if (dense != null) {
            for (byte r : dense) {
                histogram[r]++;
            }
        } else {
            histogram[0] = registerCount() - sparse.length;
            for (int entry : sparse) {
                histogram[entry & 63]++;
            }
        }
        return HllEstimator.estimate(precision, histogram);
    }

    /** The relative standard error of {@link #estimate()}: {@code 1.04 / sqrt(m)}. */
    public double relativeStandardError() {
        return 1.04 / Math.sqrt(registerCount());
    }

    public int precision() {
        return precision;
    }

    /** The number of registers, {@code 2^precision}. */
    public int registerCount() {
        return 1 << precision;
    }

    /** The value of register {@code index}. */
    public int register(int index) {
        java.util.Objects.checkIndex(index, registerCount());
        if (dense != null) {
            return dense[index];
        }
        int at = Arrays.binarySearch(sparse, index << 6);
        at = at >= 0 ? at : -at - 1;
        return at < sparse.length && sparse[at] >>> 6 == index ? sparse[at] & 63 : 0;
    }

    /** A builder that starts from this sketch's registers. */
    public HyperLogLogBuilder toBuilder() {
        byte[] registers = new byte[registerCount()];
        maxInto(registers);
        return new HyperLogLogBuilder(precision, registers);
    }

    boolean isSparse() {
        return sparse != null;
    }

    /** The sparse entries (not a copy; never mutate), or null when dense. */
    int[] sparseEntries() {
        return sparse;
    }

    /** The dense registers (not a copy; never mutate), or null when sparse. */
    byte[] denseRegisters() {
        return dense;
    }

    /** The sketch of these registers, in the form their count of non-zero registers calls for; takes ownership. */
    static HyperLogLog ofRegisters(int precision, byte[] registers) {
        int nonZero = 0;
        for (byte r : registers) {
            nonZero += r != 0 ? 1 : 0;
        }
        if (nonZero >= sparseLimit(precision)) {
            return new HyperLogLog(precision, null, registers);
        }
        int[] entries = new int[nonZero];
        for (int i = 0, n = 0; i < registers.length; i++) {
            if (registers[i] != 0) {
                entries[n++] = i << 6 | registers[i];
            }
        }
        return new HyperLogLog(precision, entries, null);
    }

    /** Built by a decoder from entries it has checked (sorted, in range, fewer than the sparse limit). */
    static HyperLogLog ofSparse(int precision, int[] entries) {
        return new HyperLogLog(precision, entries, null);
    }

    /** Built by a decoder from registers it has checked (in range, at least the sparse limit non-zero). */
    static HyperLogLog ofDense(int precision, byte[] registers) {
        return new HyperLogLog(precision, null, registers);
    }

    /** The sketch is sparse while fewer than this many registers are non-zero: m / 4. */
    static int sparseLimit(int precision) {
        return 1 << (precision - 2);
    }

    /** The largest register value at {@code precision}: 64 - p + 1. */
    static int maxRank(int precision) {
        return 65 - precision;
    }

    static int index(long hash, int precision) {
        return (int) (hash >>> (64 - precision));
    }

    static int rank(long hash, int precision) {
        // The set bit caps the count of leading zeros at 64 - p when the remaining bits are all zero.
        return Long.numberOfLeadingZeros((hash << precision) | (1L << (precision - 1))) + 1;
    }

    static int checkPrecision(int precision) {
        if (precision < MIN_PRECISION || precision > MAX_PRECISION) {
            throw new IllegalArgumentException(
                    "HyperLogLog precision must be in [" + MIN_PRECISION + ", " + MAX_PRECISION + "]: " + precision);
        }
        return precision;
    }

    /** Raises {@code registers} to at least this sketch's registers. */
    void maxInto(byte[] registers) {
        if (dense != null) {
            for (int i = 0; i < registers.length; i++) {
                registers[i] = (byte) Math.max(registers[i], dense[i]);
            }
            return;
        }
        for (int entry : sparse) {
            int index = entry >>> 6;
            registers[index] = (byte) Math.max(registers[index], entry & 63);
        }
    }

    private HyperLogLog mergeSparse(HyperLogLog other) {
        int[] merged = new int[sparse.length + other.sparse.length];
        int i = 0, j = 0, n = 0;
        while (i < sparse.length && j < other.sparse.length) {
            int a = sparse[i], b = other.sparse[j];
            if (a >>> 6 == b >>> 6) {
                merged[n++] = Math.max(a, b);
                i++;
                j++;
            } else if (a < b) {
                merged[n++] = sparse[i++];
            } else {
                merged[n++] = other.sparse[j++];
            }
        }
        while (i < sparse.length) {
            merged[n++] = sparse[i++];
        }
        while (j < other.sparse.length) {
            merged[n++] = other.sparse[j++];
        }
        int[] entries = Arrays.copyOf(merged, n);
        return n < sparseLimit(precision) ? new HyperLogLog(precision, entries, null) : densify(entries);
    }

    private HyperLogLog densify(int[] entries) {
        byte[] registers = new byte[registerCount()];
        for (int entry : entries) {
            registers[entry >>> 6] = (byte) (entry & 63);
        }
        return new HyperLogLog(precision, null, registers);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HyperLogLog h
                && precision == h.precision
                && Arrays.equals(sparse, h.sparse)
                && Arrays.equals(dense, h.dense);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * precision + Arrays.hashCode(sparse)) + Arrays.hashCode(dense);
    }

    @Override
    public String toString() {
        return "HyperLogLog[p=" + precision + ", " + (dense != null ? "dense" : "sparse " + sparse.length)
                + ", estimate=" + Math.round(estimate()) + "]";
    }
}
