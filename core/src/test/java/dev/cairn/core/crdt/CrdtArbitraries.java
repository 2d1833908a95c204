package dev.cairn.core.crdt;

import dev.cairn.core.hash.Digest256;
import dev.cairn.core.id.NodeId;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators shared by the CRDT property tests: small pools, so that slots, elements and stamps collide often. */
final class CrdtArbitraries {
    /** Six node ids whose first bytes straddle the sign bit, so a signed comparison would order them wrongly. */
    static final List<NodeId> NODES = IntStream.of(0x00, 0x01, 0x7f, 0x80, 0xfe, 0xff)
            .mapToObj(CrdtArbitraries::node)
            .toList();

    /** Strings whose UTF-8 order differs from their UTF-16 order (the emoji sorts before "\uffff" in UTF-16, after it in UTF-8). */
    static final List<String> ELEMENTS = List.of("", "a", "ab", "b", "é", "日本", "\uffff", "😀");

    private CrdtArbitraries() {}

    static NodeId node(int firstByte) {
        byte[] bytes = new byte[32];
        bytes[0] = (byte) firstByte;
        bytes[31] = (byte) (firstByte * 7 + 1);
        return new NodeId(Digest256.of(bytes));
    }

    static Arbitrary<NodeId> nodes() {
        return Arbitraries.of(NODES);
    }

    static Arbitrary<NodeId> anyNodes() {
        return Arbitraries.bytes()
                .array(byte[].class)
                .ofSize(32)
                .map(b -> new NodeId(Digest256.of(b)))
                .injectDuplicates(0.2);
    }

    /** Stamps from a tiny range, so that equal counters, equal timestamps and equal stamps all occur. */
    static Arbitrary<Dominance> dominances() {
        return Combinators.combine(
                        Arbitraries.longs().between(0, 3), Arbitraries.longs().between(0, 3), nodes())
                .as(Dominance::new);
    }

    static Arbitrary<GCounter> gCounters() {
        return Combinators.combine(nodes(), Arbitraries.longs().between(0, 1_000))
                .as(GCounterOp::new)
                .list()
                .ofMaxSize(12)
                .map(ops -> {
                    GCounter c = GCounter.empty();
                    for (GCounterOp op : ops) {
                        c = c.increment(op.node(), op.amount());
                    }
                    return c;
                });
    }

    static Arbitrary<PNCounter> pnCounters() {
        return Combinators.combine(nodes(), Arbitraries.longs().between(-1_000, 1_000))
                .as(GCounterOp::new)
                .list()
                .ofMaxSize(12)
                .map(ops -> {
                    PNCounter c = PNCounter.empty();
                    for (GCounterOp op : ops) {
                        c = c.add(op.node(), op.amount());
                    }
                    return c;
                });
    }

    static Arbitrary<LwwRegister<String>> registers() {
        return Combinators.combine(Arbitraries.of(ELEMENTS), dominances())
                .as((v, d) -> LwwRegister.of(ElementCodec.utf8(), v, d));
    }

    static Arbitrary<SetOp> setOps() {
        return Combinators.combine(Arbitraries.of(ELEMENTS), dominances(), Arbitraries.of(true, false))
                .as(SetOp::new);
    }

    static Arbitrary<LwwElementSet<String>> sets() {
        return setOps().list().ofMaxSize(12).map(CrdtArbitraries::applyAll);
    }

    static LwwElementSet<String> applyAll(List<SetOp> ops) {
        LwwElementSet<String> s = LwwElementSet.empty(ElementCodec.utf8());
        for (SetOp op : ops) {
            s = op.applyTo(s);
        }
        return s;
    }

    /** Hashes with a bias towards edge values (0, -1, powers of two), which give the extreme ranks. */
    static Arbitrary<List<Long>> hashLists(int maxSize) {
        return Arbitraries.longs().list().ofMaxSize(maxSize);
    }

    static HyperLogLog sketch(int precision, List<Long> hashes) {
        HyperLogLog h = HyperLogLog.empty(precision);
        for (long hash : hashes) {
            h = h.addHash(hash);
        }
        return h;
    }

    record GCounterOp(NodeId node, long amount) {}

    record SetOp(String element, Dominance dominance, boolean add) {
        LwwElementSet<String> applyTo(LwwElementSet<String> s) {
            return add ? s.add(element, dominance) : s.remove(element, dominance);
        }
    }
}
