package dev.cairn.core.crdt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.id.NodeId;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

class CrdtCodecTest {
    private static final CrdtCodec CODEC = CrdtCodec.standard();

    @Property(tries = 1000)
    void gCountersRoundTrip(@ForAll("gCounters") GCounter value) {
        roundTrips(value, CODEC::decodeGCounter);
    }

    @Property(tries = 1000)
    void pnCountersRoundTrip(@ForAll("pnCounters") PNCounter value) {
        roundTrips(value, CODEC::decodePNCounter);
    }

    @Property(tries = 1000)
    void registersRoundTrip(@ForAll("registers") LwwRegister<String> value) {
        roundTrips(value, b -> CODEC.decodeRegister(b, ElementCodec.utf8()));
    }

    @Property(tries = 1000)
    void setsRoundTrip(@ForAll("sets") LwwElementSet<String> value) {
        roundTrips(value, b -> CODEC.decodeSet(b, ElementCodec.utf8()));
    }

    @Property(tries = 1000)
    void hyperLogLogsRoundTrip(@ForAll("sketches") HyperLogLog value) {
        roundTrips(value, CODEC::decodeHyperLogLog);
    }

    @Property(tries = 1000)
    void nodeIdSetsAndByteRegistersRoundTrip(
            @ForAll("nodeIdSets") LwwElementSet<NodeId> set, @ForAll("byteRegisters") LwwRegister<byte[]> register) {
        roundTrips(set, b -> CODEC.decodeSet(b, ElementCodec.nodeId()));
        roundTrips(register, b -> CODEC.decodeRegister(b, ElementCodec.bytes()));
    }

    @Property(tries = 1000)
    void valuesEmbedBackToBack(
            @ForAll("gCounters") GCounter counter,
            @ForAll("sets") LwwElementSet<String> set,
            @ForAll("sketches") HyperLogLog sketch) {
        var out = new CrdtWriter();
        CODEC.write(counter, out);
        CODEC.write(set, out);
        CODEC.write(sketch, out);
        out.u8(0x42);
        var in = new CrdtReader(out.toByteArray());
        assertThat(CODEC.readGCounter(in)).isEqualTo(counter);
        assertThat(CODEC.readSet(in, ElementCodec.utf8())).isEqualTo(set);
        assertThat(CODEC.readHyperLogLog(in)).isEqualTo(sketch);
        assertThat(in.u8("marker")).isEqualTo(0x42);
    }

    @Property(tries = 1000)
    void everyStrictPrefixIsRejected(@ForAll("anyEncoded") Encoded encoded) {
        byte[] bytes = encoded.bytes();
        for (int length = 0; length < bytes.length; length += Math.max(1, bytes.length / 64)) {
            byte[] prefix = Arrays.copyOf(bytes, length);
            assertThatThrownBy(() -> encoded.decoder().apply(prefix))
                    .as("prefix of %d of %d bytes", length, bytes.length)
                    .isInstanceOf(CrdtFormatException.class);
        }
    }

    @Property(tries = 1000)
    void mutatedBytesDecodeCanonicallyOrAreRejected(@ForAll("anyEncoded") Encoded encoded, @ForAll long seed) {
        byte[] mutated = mutate(encoded.bytes(), new Random(seed));
        decodesCanonicallyOrIsRejected(mutated, encoded.decoder());
    }

    @Property(tries = 1000)
    void randomBytesAfterAValidHeaderDecodeCanonicallyOrAreRejected(
            @ForAll("headers") byte[] header, @ForAll("zeroHeavyBytes") byte[] body) {
        byte[] input = concat(header, body);
        for (Function<byte[], Crdt<?>> decoder : decoders()) {
            decodesCanonicallyOrIsRejected(input, decoder);
        }
    }

    @Property(tries = 1000)
    void randomBytesDecodeCanonicallyOrAreRejected(@ForAll @Size(max = 200) byte[] input) {
        for (Function<byte[], Crdt<?>> decoder : decoders()) {
            decodesCanonicallyOrIsRejected(input, decoder);
        }
    }

    @Provide
    Arbitrary<GCounter> gCounters() {
        return CrdtArbitraries.gCounters();
    }

    @Provide
    Arbitrary<PNCounter> pnCounters() {
        return CrdtArbitraries.pnCounters();
    }

    @Provide
    Arbitrary<LwwRegister<String>> registers() {
        return CrdtArbitraries.registers();
    }

    @Provide
    Arbitrary<LwwElementSet<String>> sets() {
        return CrdtArbitraries.sets();
    }

    @Provide
    Arbitrary<LwwElementSet<NodeId>> nodeIdSets() {
        return net.jqwik.api.Combinators.combine(
                        CrdtArbitraries.anyNodes(), CrdtArbitraries.dominances(), Arbitraries.of(true, false))
                .as((n, d, add) -> add
                        ? LwwElementSet.empty(ElementCodec.nodeId()).add(n, d)
                        : LwwElementSet.empty(ElementCodec.nodeId()).remove(n, d))
                .list()
                .ofMaxSize(8)
                .map(sets -> sets.stream().reduce(LwwElementSet.empty(ElementCodec.nodeId()), LwwElementSet::merge));
    }

    @Provide
    Arbitrary<LwwRegister<byte[]>> byteRegisters() {
        return net.jqwik.api.Combinators.combine(
                        Arbitraries.bytes().array(byte[].class).ofMaxSize(40), CrdtArbitraries.dominances())
                .as((v, d) -> LwwRegister.of(ElementCodec.bytes(), v, d));
    }

    /** Precisions 4 to 10 with up to 400 hashes give both forms; precision 14 now and then gives a 12 KiB body. */
    @Provide
    Arbitrary<HyperLogLog> sketches() {
        Arbitrary<HyperLogLog> small = net.jqwik.api.Combinators.combine(
                        Arbitraries.integers().between(4, 10), CrdtArbitraries.hashLists(400))
                .as(CrdtArbitraries::sketch);
        Arbitrary<HyperLogLog> large = Arbitraries.longs().map(seed -> {
            var builder = HyperLogLog.builder();
            var stream = new SplitMix64(seed);
            int n = (int) Math.floorMod(seed, 8_000L);
            for (int i = 0; i < n; i++) {
                builder.addHash(stream.next());
            }
            return builder.build();
        });
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(9, small), net.jqwik.api.Tuple.of(1, large));
    }

    @Provide
    Arbitrary<Encoded> anyEncoded() {
        return Arbitraries.oneOf(
                gCounters().map(v -> new Encoded(CODEC.encode(v), CODEC::decodeGCounter)),
                pnCounters().map(v -> new Encoded(CODEC.encode(v), CODEC::decodePNCounter)),
                registers().map(v -> new Encoded(CODEC.encode(v), b -> CODEC.decodeRegister(b, ElementCodec.utf8()))),
                sets().map(v -> new Encoded(CODEC.encode(v), b -> CODEC.decodeSet(b, ElementCodec.utf8()))),
                nodeIdSets().map(v -> new Encoded(CODEC.encode(v), b -> CODEC.decodeSet(b, ElementCodec.nodeId()))),
                sketches().map(v -> new Encoded(CODEC.encode(v), CODEC::decodeHyperLogLog)));
    }

    /** Mostly zeros, so that counts and lengths are often small and decoding gets past them. */
    @Provide
    Arbitrary<byte[]> zeroHeavyBytes() {
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(6, Arbitraries.just((byte) 0)),
                        net.jqwik.api.Tuple.of(1, Arbitraries.of((byte) 1, (byte) 0x3f, (byte) 0xff)),
                        net.jqwik.api.Tuple.of(3, Arbitraries.bytes()))
                .list()
                .ofMaxSize(300)
                .map(list -> {
                    byte[] out = new byte[list.size()];
                    for (int i = 0; i < out.length; i++) {
                        out[i] = list.get(i);
                    }
                    return out;
                });
    }

    @Provide
    Arbitrary<byte[]> headers() {
        return Arbitraries.of(CrdtKind.values())
                .map(kind -> new byte[] {(byte) CrdtCodec.FORMAT_VERSION, (byte) kind.tag()});
    }

    /** An encoding and the decoder that reads it back. */
    record Encoded(byte[] bytes, Function<byte[], Crdt<?>> decoder) {
        @Override
        public String toString() {
            return HexFormat.of().formatHex(bytes);
        }
    }

    static List<Function<byte[], Crdt<?>>> decoders() {
        return List.of(
                CODEC::decodeGCounter,
                CODEC::decodePNCounter,
                b -> CODEC.decodeRegister(b, ElementCodec.utf8()),
                b -> CODEC.decodeRegister(b, ElementCodec.bytes()),
                b -> CODEC.decodeSet(b, ElementCodec.utf8()),
                b -> CODEC.decodeSet(b, ElementCodec.nodeId()),
                CODEC::decodeHyperLogLog);
    }

    private static <T extends Crdt<T>> void roundTrips(T value, Function<byte[], T> decode) {
        byte[] bytes = CODEC.encode(value);
        T decoded = decode.apply(bytes);
        assertThat(decoded).isEqualTo(value);
        assertThat(CODEC.encode(decoded)).isEqualTo(bytes);
    }

    /** Decoding either fails with the one format exception or yields a value whose encoding is exactly the input. */
    static void decodesCanonicallyOrIsRejected(byte[] input, Function<byte[], ? extends Crdt<?>> decoder) {
        Crdt<?> value;
        try {
            value = decoder.apply(input);
        } catch (CrdtFormatException expected) {
            assertThat(expected.getMessage()).contains("offset " + expected.offset());
            Statistics.label("decoding").collect("rejected");
            return;
        }
        Statistics.label("decoding").collect("decoded");
        assertThat(HexFormat.of().formatHex(CODEC.encode(value)))
                .isEqualTo(HexFormat.of().formatHex(input));
    }

    /** One to four random edits: overwrite, bit flip, delete, insert, truncate, or a 0xff run over a length field. */
    static byte[] mutate(byte[] bytes, Random random) {
        byte[] out = bytes.clone();
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int at = out.length == 0 ? 0 : random.nextInt(out.length);
            switch (random.nextInt(6)) {
                case 0 -> {
                    if (out.length > 0) out[at] = (byte) random.nextInt(256);
                }
                case 1 -> {
                    if (out.length > 0) out[at] ^= (byte) (1 << random.nextInt(8));
                }
                case 2 -> {
                    int n = Math.min(out.length - at, 1 + random.nextInt(8));
                    byte[] shorter = new byte[out.length - n];
                    System.arraycopy(out, 0, shorter, 0, at);
                    System.arraycopy(out, at + n, shorter, at, out.length - at - n);
                    out = shorter;
                }
                case 3 -> {
                    byte[] extra = new byte[1 + random.nextInt(8)];
                    random.nextBytes(extra);
                    byte[] longer = new byte[out.length + extra.length];
                    System.arraycopy(out, 0, longer, 0, at);
                    System.arraycopy(extra, 0, longer, at, extra.length);
                    System.arraycopy(out, at, longer, at + extra.length, out.length - at);
                    out = longer;
                }
                case 4 -> out = Arrays.copyOf(out, at);
                default -> {
                    for (int i = at; i < Math.min(out.length, at + 4); i++) {
                        out[i] = (byte) 0xff;
                    }
                }
            }
        }
        return out;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
