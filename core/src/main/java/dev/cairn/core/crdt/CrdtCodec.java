package dev.cairn.core.crdt;

import java.util.Objects;

/**
 * The versioned, deterministic binary form of every CRDT: a format version byte ({@value #FORMAT_VERSION}), a type
 * tag ({@link CrdtKind}), then the kind's body; big-endian throughout. The byte layout is specified in
 * {@code docs/crdt.md}.
 *
 * <p>Deterministic: equal values encode to identical bytes (slots and elements are written in sorted order, the
 * HyperLogLog form follows from its registers). Canonical: a decoder accepts only such bytes, so every accepted input
 * re-encodes to itself. Safe on hostile input: a decoder checks every count and length against the {@link CrdtLimits}
 * and against the bytes left before allocating, never returns a partly built value, and signals every problem
 * (truncation, garbage, out-of-order entries, trailing bytes, limits) with a {@link CrdtFormatException}. Encoding
 * refuses, with an {@link IllegalArgumentException}, a value that would break the same limits.
 *
 * <p>{@code encode}/{@code decodeX} handle a whole byte array; {@code write}/{@code readX} embed a value in a larger
 * structure through a {@link CrdtWriter}/{@link CrdtReader}. Instances are immutable and thread-safe.
 */
public final class CrdtCodec {
    /** The format version this build writes and reads. */
    public static final int FORMAT_VERSION = 1;

    private static final CrdtCodec STANDARD = new CrdtCodec(CrdtLimits.DEFAULT);

    private final CrdtLimits limits;

    public CrdtCodec(CrdtLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** A codec with {@link CrdtLimits#DEFAULT}. */
    public static CrdtCodec standard() {
        return STANDARD;
    }

    public CrdtLimits limits() {
        return limits;
    }

    public byte[] encode(Crdt<?> value) {
        var out = new CrdtWriter(256);
        write(value, out);
        return out.toByteArray();
    }

    public void write(Crdt<?> value, CrdtWriter out) {
        out.u8(FORMAT_VERSION).u8(CrdtKind.of(value).tag());
        switch (value) {
            case GCounter g -> CounterFormat.writeGCounter(g, limits, out);
            case PNCounter p -> CounterFormat.writePNCounter(p, limits, out);
            case LwwRegister<?> r -> LwwFormat.writeRegister(r, limits, out);
            case LwwElementSet<?> s -> LwwFormat.writeSet(s, limits, out);
            case HyperLogLog h -> HyperLogLogFormat.write(h, limits, out);
        }
    }

    /** The kind named by the header of {@code encoded}, for callers that dispatch on it. */
    public static CrdtKind kindOf(byte[] encoded) {
        return header(new CrdtReader(encoded));
    }

    public GCounter decodeGCounter(byte[] encoded) {
        var in = new CrdtReader(encoded);
        return whole(in, readGCounter(in));
    }

    public PNCounter decodePNCounter(byte[] encoded) {
        var in = new CrdtReader(encoded);
        return whole(in, readPNCounter(in));
    }

    public <T> LwwRegister<T> decodeRegister(byte[] encoded, ElementCodec<T> valueCodec) {
        var in = new CrdtReader(encoded);
        return whole(in, readRegister(in, valueCodec));
    }

    public <E> LwwElementSet<E> decodeSet(byte[] encoded, ElementCodec<E> elementCodec) {
        var in = new CrdtReader(encoded);
        return whole(in, readSet(in, elementCodec));
    }

    public HyperLogLog decodeHyperLogLog(byte[] encoded) {
        var in = new CrdtReader(encoded);
        return whole(in, readHyperLogLog(in));
    }

    public GCounter readGCounter(CrdtReader in) {
        expect(in, CrdtKind.G_COUNTER);
        return CounterFormat.readGCounter(limits, in);
    }

    public PNCounter readPNCounter(CrdtReader in) {
        expect(in, CrdtKind.PN_COUNTER);
        return CounterFormat.readPNCounter(limits, in);
    }

    public <T> LwwRegister<T> readRegister(CrdtReader in, ElementCodec<T> valueCodec) {
        Objects.requireNonNull(valueCodec, "valueCodec");
        expect(in, CrdtKind.LWW_REGISTER);
        return LwwFormat.readRegister(valueCodec, limits, in);
    }

    public <E> LwwElementSet<E> readSet(CrdtReader in, ElementCodec<E> elementCodec) {
        Objects.requireNonNull(elementCodec, "elementCodec");
        expect(in, CrdtKind.LWW_ELEMENT_SET);
        return LwwFormat.readSet(elementCodec, limits, in);
    }

    public HyperLogLog readHyperLogLog(CrdtReader in) {
        expect(in, CrdtKind.HYPER_LOG_LOG);
        return HyperLogLogFormat.read(limits, in);
    }

    private static void expect(CrdtReader in, CrdtKind expected) {
        int at = in.offset() + 1;
        CrdtKind kind = header(in);
        if (kind != expected) {
            throw in.error(
                    at,
                    "expected a " + expected + " (tag " + expected.tag() + "), found a " + kind + " (tag " + kind.tag()
                            + ")");
        }
    }

    private static CrdtKind header(CrdtReader in) {
        int at = in.offset();
        int version = in.u8("format version");
        if (version != FORMAT_VERSION) {
            throw in.error(at, "unsupported format version " + version + "; this build reads " + FORMAT_VERSION);
        }
        at = in.offset();
        int tag = in.u8("type tag");
        CrdtKind kind = CrdtKind.ofTag(tag);
        if (kind == null) {
            throw in.error(at, "unknown type tag " + tag);
        }
        return kind;
    }

    private static <T> T whole(CrdtReader in, T value) {
        in.expectEnd("the encoded value");
        return value;
    }
}
