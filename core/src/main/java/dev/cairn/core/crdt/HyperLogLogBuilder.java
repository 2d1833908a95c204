package dev.cairn.core.crdt;

/**
 * A mutable HyperLogLog for feeding many elements: one byte per register, updated in place, frozen into an immutable
 * {@link HyperLogLog} by {@link #build()}. Not thread-safe; one owner adds, then builds.
 */
public final class HyperLogLogBuilder {
    private final int precision;
    private final byte[] registers;

    HyperLogLogBuilder(int precision, byte[] registers) {
        this.precision = precision;
        this.registers = registers;
    }

    /** Counts an element by its uniformly distributed 64-bit hash (see {@link HyperLogLog#addHash}). */
    public HyperLogLogBuilder addHash(long hash) {
        int index = HyperLogLog.index(hash, precision);
        int rank = HyperLogLog.rank(hash, precision);
        if (registers[index] < rank) {
            registers[index] = (byte) rank;
        }
        return this;
    }

    /** Counts an element, hashed by {@link HyperLogLog#hash}. */
    public HyperLogLogBuilder add(byte[] element) {
        return addHash(HyperLogLog.hash(element));
    }

    /** Raises every register to at least {@code sketch}'s; the precisions must match. */
    public HyperLogLogBuilder merge(HyperLogLog sketch) {
        if (sketch.precision() != precision) {
            throw new IllegalArgumentException(
                    "cannot merge a HyperLogLog of precision " + sketch.precision() + " into one of " + precision);
        }
        sketch.maxInto(registers);
        return this;
    }

    public int precision() {
        return precision;
    }

    /** An immutable sketch of the registers so far; the builder stays usable. */
    public HyperLogLog build() {
        return HyperLogLog.ofRegisters(precision, registers.clone());
    }
}
