package dev.cairn.core.crdt;

/**
 * Wire body of a HyperLogLog: u8 precision p, u8 form, then the registers.
 *
 * <ul>
 *   <li>Form 0x00, sparse, when fewer than m/4 registers are non-zero: u32 count, then per non-zero register three
 *       big-endian bytes {@code index << 6 | rank}, indices strictly increasing.
 *   <li>Form 0x01, dense, otherwise: all m registers packed six bits each, most significant bit first, {@code 6m/8}
 *       bytes (four registers in three bytes).
 * </ul>
 *
 * <p>Ranks are in [1, 65 - p] in the sparse form and [0, 65 - p] in the dense one. Six bits hold every rank up to p =
 * 4; three-byte entries hold an 18-bit index and a rank. The form is fixed by the registers, so the decoder rejects a
 * dense body with fewer than m/4 non-zero registers and a sparse one with m/4 or more.
 */
final class HyperLogLogFormat {
    private static final int FORM_SPARSE = 0x00;
    private static final int FORM_DENSE = 0x01;
    private static final int SPARSE_ENTRY_BYTES = 3;

    private HyperLogLogFormat() {}

    static void write(HyperLogLog sketch, CrdtLimits limits, CrdtWriter out) {
        int p = sketch.precision();
        if (p > limits.maxPrecision()) {
            throw new IllegalArgumentException(
                    "HyperLogLog precision " + p + " is over the limit " + limits.maxPrecision());
        }
        out.u8(p);
        if (sketch.isSparse()) {
            int[] entries = sketch.sparseEntries();
            out.u8(FORM_SPARSE).u32(entries.length);
            byte[] packed = new byte[entries.length * SPARSE_ENTRY_BYTES];
            for (int i = 0; i < entries.length; i++) {
                packed[3 * i] = (byte) (entries[i] >>> 16);
                packed[3 * i + 1] = (byte) (entries[i] >>> 8);
                packed[3 * i + 2] = (byte) entries[i];
            }
            out.bytes(packed);
        } else {
            out.u8(FORM_DENSE).bytes(pack(sketch.denseRegisters()));
        }
    }

    static HyperLogLog read(CrdtLimits limits, CrdtReader in) {
        int at = in.offset();
        int p = in.u8("HyperLogLog precision");
        if (p < HyperLogLog.MIN_PRECISION || p > limits.maxPrecision()) {
            throw in.error(
                    at,
                    "HyperLogLog precision must be in [" + HyperLogLog.MIN_PRECISION + ", " + limits.maxPrecision()
                            + "]: " + p);
        }
        at = in.offset();
        int form = in.u8("HyperLogLog form");
        return switch (form) {
            case FORM_SPARSE -> readSparse(p, in);
            case FORM_DENSE -> readDense(p, in);
            default -> throw in.error(at, "HyperLogLog form must be 0x00 (sparse) or 0x01 (dense): " + form);
        };
    }

    private static HyperLogLog readSparse(int p, CrdtReader in) {
        int count = in.count("HyperLogLog sparse entry count", HyperLogLog.sparseLimit(p) - 1, SPARSE_ENTRY_BYTES);
        int start = in.offset();
        byte[] packed = in.bytes(count * SPARSE_ENTRY_BYTES, "HyperLogLog sparse entries");
        int[] entries = new int[count];
        int maxRank = HyperLogLog.maxRank(p);
        for (int i = 0; i < count; i++) {
            int entry = (packed[3 * i] & 0xff) << 16 | (packed[3 * i + 1] & 0xff) << 8 | (packed[3 * i + 2] & 0xff);
            int index = entry >>> 6;
            int rank = entry & 63;
            int at = start + 3 * i;
            if (index >= 1 << p) {
                throw in.error(at, "HyperLogLog register index " + index + " is out of range for precision " + p);
            }
            if (rank < 1 || rank > maxRank) {
                throw in.error(at, "HyperLogLog sparse rank must be in [1, " + maxRank + "]: " + rank);
            }
            if (i > 0 && entries[i - 1] >>> 6 >= index) {
                throw in.error(
                        at,
                        "HyperLogLog sparse indices must be strictly increasing: " + index + " after "
                                + (entries[i - 1] >>> 6));
            }
            entries[i] = entry;
        }
        return HyperLogLog.ofSparse(p, entries);
    }

    private static HyperLogLog readDense(int p, CrdtReader in) {
        int start = in.offset();
        byte[] packed = in.bytes(packedLength(p), "HyperLogLog dense registers");
        byte[] registers = unpack(packed, 1 << p);
        int maxRank = HyperLogLog.maxRank(p);
        int nonZero = 0;
        for (int i = 0; i < registers.length; i++) {
            if (registers[i] > maxRank) {
                throw in.error(
                        start + 6 * i / 8,
                        "HyperLogLog register " + i + " holds " + registers[i] + ", over the largest rank " + maxRank
                                + " at precision " + p);
            }
            nonZero += registers[i] != 0 ? 1 : 0;
        }
        if (nonZero < HyperLogLog.sparseLimit(p)) {
            throw in.error(
                    start,
                    "HyperLogLog dense form with " + nonZero + " non-zero registers; below "
                            + HyperLogLog.sparseLimit(p) + " the canonical form is sparse");
        }
        return HyperLogLog.ofDense(p, registers);
    }

    static int packedLength(int p) {
        return (1 << p) / 4 * 3;
    }

    /** Four six-bit registers r0..r3 into three bytes: r0 r0 r0 r0 r0 r0 r1 r1 | r1 r1 r1 r1 r2 r2 r2 r2 | ... */
    static byte[] pack(byte[] registers) {
        byte[] out = new byte[registers.length / 4 * 3];
        for (int i = 0, o = 0; i < registers.length; i += 4, o += 3) {
            int group = registers[i] << 18 | registers[i + 1] << 12 | registers[i + 2] << 6 | registers[i + 3];
            out[o] = (byte) (group >>> 16);
            out[o + 1] = (byte) (group >>> 8);
            out[o + 2] = (byte) group;
        }
        return out;
    }

    static byte[] unpack(byte[] packed, int registerCount) {
        byte[] registers = new byte[registerCount];
        for (int i = 0, o = 0; i < registerCount; i += 4, o += 3) {
            int group = (packed[o] & 0xff) << 16 | (packed[o + 1] & 0xff) << 8 | (packed[o + 2] & 0xff);
            registers[i] = (byte) (group >>> 18);
            registers[i + 1] = (byte) (group >>> 12 & 63);
            registers[i + 2] = (byte) (group >>> 6 & 63);
            registers[i + 3] = (byte) (group & 63);
        }
        return registers;
    }
}
