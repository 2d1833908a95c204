package dev.cairn.core.crdt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.crdt.CrdtArbitraries.SetOp;
import dev.cairn.core.crdt.LwwElementSet.Entry;
import dev.cairn.core.id.NodeId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class LwwElementSetTest {
    private static final NodeId A = CrdtArbitraries.node(0x01);
    private static final NodeId B = CrdtArbitraries.node(0x80);

    @Property(tries = 1000)
    void mergeIsCommutative(@ForAll("sets") LwwElementSet<String> a, @ForAll("sets") LwwElementSet<String> b) {
        Laws.mergeIsCommutative(a, b);
    }

    @Property(tries = 1000)
    void mergeIsAssociative(
            @ForAll("sets") LwwElementSet<String> a,
            @ForAll("sets") LwwElementSet<String> b,
            @ForAll("sets") LwwElementSet<String> c) {
        Laws.mergeIsAssociative(a, b, c);
    }

    @Property(tries = 1000)
    void mergeIsIdempotent(@ForAll("sets") LwwElementSet<String> a, @ForAll("sets") LwwElementSet<String> b) {
        Laws.mergeIsIdempotent(a, b);
    }

    @Property(tries = 1000)
    void fiveReplicasConvergeWhateverTheDeliveryOrder(@ForAll("histories") List<SetOp> ops, @ForAll long seed) {
        Laws.replicasConverge(LwwElementSet.empty(ElementCodec.utf8()), snapshots(ops), seed);
    }

    @Property(tries = 1000)
    void membershipFollowsTheDominantWriteOfEachElement(@ForAll("histories") List<SetOp> ops) {
        LwwElementSet<String> set = CrdtArbitraries.applyAll(ops);
        Map<String, SetOp> winners = new HashMap<>();
        for (SetOp op : ops) {
            winners.merge(op.element(), op, LwwElementSetTest::winner);
        }
        for (String e : CrdtArbitraries.ELEMENTS) {
            SetOp w = winners.get(e);
            assertThat(set.contains(e)).as(e).isEqualTo(w != null && w.add());
            assertThat(set.lookup(e).map(Entry::dominance))
                    .isEqualTo(java.util.Optional.ofNullable(w).map(SetOp::dominance));
        }
    }

    @Property(tries = 1000)
    void retainFromCommutesWithMerge(
            @ForAll("sets") LwwElementSet<String> a,
            @ForAll("sets") LwwElementSet<String> b,
            @ForAll("stamps") Dominance floor) {
        assertThat(a.merge(b).retainFrom(floor)).isEqualTo(a.retainFrom(floor).merge(b.retainFrom(floor)));
    }

    @Property(tries = 1000)
    void applyingOperationsEqualsMergingTheirSingletons(@ForAll("histories") List<SetOp> ops) {
        LwwElementSet<String> merged = LwwElementSet.empty(ElementCodec.utf8());
        for (SetOp op : ops) {
            merged = merged.merge(op.applyTo(LwwElementSet.empty(ElementCodec.utf8())));
        }
        assertThat(merged).isEqualTo(CrdtArbitraries.applyAll(ops));
    }

    @Property(tries = 1000)
    void buildingAtOnceEqualsApplyingEachWrite(@ForAll("histories") List<SetOp> ops) {
        var writes = ops.stream()
                .map(op -> new Entry<>(op.element(), op.dominance(), op.add()))
                .toList();

        assertThat(LwwElementSet.of(ElementCodec.utf8(), writes)).isEqualTo(CrdtArbitraries.applyAll(ops));
    }

    @Test
    void aLaterAddRevivesARemovedElement() {
        var s = LwwElementSet.empty(ElementCodec.utf8())
                .add("x", new Dominance(1, 10, A))
                .remove("x", new Dominance(2, 20, B));
        assertThat(s.contains("x")).isFalse();
        assertThat(s.add("x", new Dominance(3, 5, A)).contains("x")).isTrue();
        assertThat(s.add("x", new Dominance(1, 99, B)).contains("x"))
                .as("an older add loses")
                .isFalse();
    }

    @Test
    void removeWinsOnEqualStamps() {
        var stamp = new Dominance(4, 4, A);
        var added = LwwElementSet.empty(ElementCodec.utf8()).add("x", stamp);
        var removed = LwwElementSet.empty(ElementCodec.utf8()).remove("x", stamp);
        assertThat(added.merge(removed).contains("x")).isFalse();
        assertThat(removed.merge(added).contains("x")).isFalse();
        assertThat(added.remove("x", stamp).contains("x")).isFalse();
        assertThat(removed.add("x", stamp).contains("x")).isFalse();
    }

    @Test
    void elementsComeInUtf8ByteOrder() {
        var s = LwwElementSet.empty(ElementCodec.utf8());
        for (String e : List.of("b", "😀", "\uffff", "a", "")) {
            s = s.add(e, new Dominance(0, 0, A));
        }
        s = s.remove("b", new Dominance(1, 0, A));
        assertThat(s.elements()).containsExactly("", "a", "\uffff", "😀");
        assertThat(s.size()).isEqualTo(4);
        assertThat(s.entryCount()).isEqualTo(5);
        assertThat(s.entries()).contains(new Entry<>("b", new Dominance(1, 0, A), false));
    }

    @Test
    void expiryDropsAddsAndTombstonesOlderThanTheCutoff() {
        var s = LwwElementSet.empty(ElementCodec.nodeId())
                .add(A, new Dominance(0, 1_000, A))
                .add(B, new Dominance(0, 5_000, B))
                .remove(CrdtArbitraries.node(7), new Dominance(0, 2_000, A));
        var expired = s.expireBefore(3_000);
        assertThat(expired.elements()).containsExactly(B);
        assertThat(expired.entryCount()).isEqualTo(1);
        assertThat(s.expireBefore(0)).isSameAs(s);
        assertThat(s.retainFrom(new Dominance(0, 2_000, A)).entryCount()).isEqualTo(2);
    }

    @Test
    void byteArrayElementsAreComparedByContent() {
        var s = LwwElementSet.empty(ElementCodec.bytes()).add(new byte[] {1, 2}, new Dominance(0, 0, A));
        assertThat(s.contains(new byte[] {1, 2})).isTrue();
        s.elements().getFirst()[0] = 7;
        assertThat(s.contains(new byte[] {1, 2})).isTrue();
    }

    @Test
    void stringsWithUnpairedSurrogatesHaveNoEncoding() {
        var s = LwwElementSet.empty(ElementCodec.utf8());
        assertThatThrownBy(() -> s.add("a\ud800", new Dominance(0, 0, A)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("surrogate");
    }

    @Provide
    Arbitrary<LwwElementSet<String>> sets() {
        return CrdtArbitraries.sets();
    }

    @Provide
    Arbitrary<List<SetOp>> histories() {
        return CrdtArbitraries.setOps().list().ofMaxSize(25);
    }

    @Provide
    Arbitrary<Dominance> stamps() {
        return CrdtArbitraries.dominances();
    }

    /** Each op is made by its stamp's node on that node's replica; the updates are that replica after each op. */
    private static List<LwwElementSet<String>> snapshots(List<SetOp> ops) {
        Map<NodeId, LwwElementSet<String>> writers = new HashMap<>();
        List<LwwElementSet<String>> out = new ArrayList<>();
        for (SetOp op : ops) {
            NodeId writer = op.dominance().nodeId();
            var next = op.applyTo(writers.getOrDefault(writer, LwwElementSet.empty(ElementCodec.utf8())));
            writers.put(writer, next);
            out.add(next);
        }
        return out;
    }

    private static SetOp winner(SetOp a, SetOp b) {
        int cmp = a.dominance().compareTo(b.dominance());
        return cmp > 0 ? a : cmp < 0 ? b : a.add() ? b : a;
    }
}
