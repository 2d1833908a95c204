package dev.cairn.core.crdt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.crdt.CrdtArbitraries.GCounterOp;
import dev.cairn.core.id.NodeId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class GCounterTest {
    private static final NodeId A = CrdtArbitraries.node(0x01);
    private static final NodeId B = CrdtArbitraries.node(0x80);

    @Property(tries = 1000)
    void mergeIsCommutative(@ForAll("counters") GCounter a, @ForAll("counters") GCounter b) {
        Laws.mergeIsCommutative(a, b);
    }

    @Property(tries = 1000)
    void mergeIsAssociative(
            @ForAll("counters") GCounter a, @ForAll("counters") GCounter b, @ForAll("counters") GCounter c) {
        Laws.mergeIsAssociative(a, b, c);
    }

    @Property(tries = 1000)
    void mergeIsIdempotent(@ForAll("counters") GCounter a, @ForAll("counters") GCounter b) {
        Laws.mergeIsIdempotent(a, b);
    }

    @Property(tries = 1000)
    void mergeNeverLowersTheValue(@ForAll("counters") GCounter a, @ForAll("counters") GCounter b) {
        assertThat(a.merge(b).value()).isGreaterThanOrEqualTo(Math.max(a.value(), b.value()));
    }

    @Property(tries = 1000)
    void fiveReplicasConvergeWhateverTheDeliveryOrder(@ForAll("histories") List<GCounterOp> ops, @ForAll long seed) {
        Laws.replicasConverge(GCounter.empty(), snapshots(ops), seed);
    }

    @Property(tries = 1000)
    void eachNodeCountingItsOwnSlotGivesTheExactTotal(@ForAll("histories") List<GCounterOp> ops) {
        long total = ops.stream().mapToLong(GCounterOp::amount).sum();
        GCounter merged = GCounter.empty();
        for (GCounter s : snapshots(ops)) {
            merged = merged.merge(s);
        }
        assertThat(merged.value()).isEqualTo(total);
    }

    @Test
    void incrementsAddUpPerNode() {
        GCounter c = GCounter.empty().increment(A, 3).increment(B, 4).increment(A, 5);
        assertThat(c.value()).isEqualTo(12);
        assertThat(c.slot(A)).isEqualTo(8);
        assertThat(c.slot(CrdtArbitraries.node(0x02))).isZero();
        assertThat(c.slots()).containsExactly(Map.entry(A, 8L), Map.entry(B, 4L));
    }

    @Test
    void zeroIncrementsLeaveNoSlot() {
        assertThat(GCounter.empty().increment(A, 0)).isEqualTo(GCounter.empty());
        assertThat(GCounter.of(Map.of(A, 0L, B, 2L))).isEqualTo(GCounter.empty().increment(B, 2));
    }

    @Test
    void negativeAmountsAreRejectedWithTheAmount() {
        assertThatThrownBy(() -> GCounter.empty().increment(A, -7))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-7");
        assertThatThrownBy(() -> GCounter.of(Map.of(A, -2L))).hasMessageContaining("-2");
    }

    @Test
    void slotOverflowIsRefusedNotWrapped() {
        GCounter c = GCounter.empty().increment(A, Long.MAX_VALUE - 1);
        assertThat(c.increment(A, 1).slot(A)).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> c.increment(A, 2))
                .isInstanceOf(ArithmeticException.class)
                .hasMessageContaining("overflow");
    }

    @Test
    void valueOverflowAcrossSlotsIsRefusedNotWrapped() {
        GCounter c = GCounter.empty().increment(A, Long.MAX_VALUE).increment(B, 1);
        assertThatThrownBy(c::value).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void updatesReturnNewInstancesAndLeaveTheReceiverAlone() {
        GCounter before = GCounter.empty().increment(A, 1);
        GCounter after = before.increment(A, 1).merge(GCounter.empty().increment(B, 9));
        assertThat(before.value()).isEqualTo(1);
        assertThat(after.value()).isEqualTo(11);
    }

    @Provide
    Arbitrary<GCounter> counters() {
        return CrdtArbitraries.gCounters();
    }

    @Provide
    Arbitrary<List<GCounterOp>> histories() {
        return Combinators.combine(CrdtArbitraries.nodes(), Arbitraries.longs().between(0, 1_000))
                .as(GCounterOp::new)
                .list()
                .ofMaxSize(20);
    }

    /** Each op is made by its node on its own replica; the updates are that replica's state after each op. */
    static List<GCounter> snapshots(List<GCounterOp> ops) {
        Map<NodeId, GCounter> writers = new HashMap<>();
        List<GCounter> out = new ArrayList<>();
        for (GCounterOp op : ops) {
            GCounter next = writers.getOrDefault(op.node(), GCounter.empty()).increment(op.node(), op.amount());
            writers.put(op.node(), next);
            out.add(next);
        }
        return out;
    }
}
