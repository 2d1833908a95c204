package dev.cairn.core.crdt;

import java.util.Arrays;

/**
 * Wire bodies of the LWW types. An encoded element is a u32 length and that many bytes of its {@link ElementCodec}
 * form. LWW-Register: the dominance stamp (48 bytes), then the encoded value. LWW-Element-Set: u32 entry count, then
 * per entry the encoded element, its dominance stamp and a flag byte (0x01 present, 0x00 removed), elements strictly
 * increasing as unsigned bytes.
 */
final class LwwFormat {
    private static final int FLAG_REMOVED = 0x00;
    private static final int FLAG_PRESENT = 0x01;
    private static final int MIN_ENTRY_BYTES = 4 + Dominance.ENCODED_LENGTH + 1;

    private LwwFormat() {}

    static void writeRegister(LwwRegister<?> register, CrdtLimits limits, CrdtWriter out) {
        out.dominance(register.dominance());
        writeElement(register.encodedValue(), limits, out);
    }

    static <T> LwwRegister<T> readRegister(ElementCodec<T> codec, CrdtLimits limits, CrdtReader in) {
        Dominance dominance = in.dominance("LWW-Register dominance");
        byte[] value = readElement(codec, limits, in, "LWW-Register value");
        return LwwRegister.ofEncoded(codec, value, dominance);
    }

    static void writeSet(LwwElementSet<?> set, CrdtLimits limits, CrdtWriter out) {
        if (set.entryCount() > limits.maxEntries()) {
            throw new IllegalArgumentException("LWW-Element-Set has " + set.entryCount()
                    + " entries (tombstones included), over the limit " + limits.maxEntries());
        }
        out.u32(set.entryCount());
        for (int i = 0; i < set.entryCount(); i++) {
            writeElement(set.keyAt(i), limits, out);
            out.dominance(set.dominanceAt(i));
            out.u8(set.presentAt(i) ? FLAG_PRESENT : FLAG_REMOVED);
        }
    }

    static <E> LwwElementSet<E> readSet(ElementCodec<E> codec, CrdtLimits limits, CrdtReader in) {
        int count = in.count("LWW-Element-Set entry count", limits.maxEntries(), MIN_ENTRY_BYTES);
        byte[][] keys = new byte[count][];
        Dominance[] dominances = new Dominance[count];
        boolean[] present = new boolean[count];
        for (int i = 0; i < count; i++) {
            int at = in.offset();
            keys[i] = readElement(codec, limits, in, "LWW-Element-Set element");
            if (i > 0 && Arrays.compareUnsigned(keys[i - 1], keys[i]) >= 0) {
                throw in.error(at, "LWW-Element-Set elements must be strictly increasing as unsigned bytes");
            }
            dominances[i] = in.dominance("LWW-Element-Set dominance");
            at = in.offset();
            int flag = in.u8("LWW-Element-Set flag");
            if (flag != FLAG_PRESENT && flag != FLAG_REMOVED) {
                throw in.error(at, "LWW-Element-Set flag must be 0x00 (removed) or 0x01 (present): " + flag);
            }
            present[i] = flag == FLAG_PRESENT;
        }
        return LwwElementSet.ofSorted(codec, keys, dominances, present);
    }

    private static void writeElement(byte[] encoded, CrdtLimits limits, CrdtWriter out) {
        if (encoded.length > limits.maxElementBytes()) {
            throw new IllegalArgumentException(
                    "encoded element has " + encoded.length + " bytes, over the limit " + limits.maxElementBytes());
        }
        out.lengthPrefixed(encoded);
    }

    /** Reads an encoded element and checks that the codec accepts it and gives back the very same bytes. */
    private static byte[] readElement(ElementCodec<?> codec, CrdtLimits limits, CrdtReader in, String what) {
        int at = in.offset();
        byte[] bytes = in.lengthPrefixed(what, limits.maxElementBytes());
        byte[] again;
        try {
            again = reencode(codec, bytes);
        } catch (RuntimeException e) {
            // The contract asks codecs for IllegalArgumentException, but whatever a codec throws, the input is bad.
            throw new CrdtFormatException(at, what + " does not decode with " + codec + ": " + e.getMessage(), e);
        }
        if (!Arrays.equals(bytes, again)) {
            throw in.error(at, what + " is not in the canonical form of " + codec);
        }
        return bytes;
    }

    private static <E> byte[] reencode(ElementCodec<E> codec, byte[] bytes) {
        return codec.encode(codec.decode(bytes));
    }
}
