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

class PNCounterTest {
    private static final NodeId A = CrdtArbitraries.node(0x01);
    private static final NodeId B = CrdtArbitraries.node(0xfe);

    @Property(tries = 1000)
    void mergeIsCommutative(@ForAll("counters") PNCounter a, @ForAll("counters") PNCounter b) {
        Laws.mergeIsCommutative(a, b);
    }

    @Property(tries = 1000)
    void mergeIsAssociative(
            @ForAll("counters") PNCounter a, @ForAll("counters") PNCounter b, @ForAll("counters") PNCounter c) {
        Laws.mergeIsAssociative(a, b, c);
    }

    @Property(tries = 1000)
    void mergeIsIdempotent(@ForAll("counters") PNCounter a, @ForAll("counters") PNCounter b) {
        Laws.mergeIsIdempotent(a, b);
    }

    @Property(tries = 1000)
    void fiveReplicasConvergeToTheExactNetCount(@ForAll("histories") List<GCounterOp> ops, @ForAll long seed) {
        Map<NodeId, PNCounter> writers = new HashMap<>();
        List<PNCounter> updates = new ArrayList<>();
        for (GCounterOp op : ops) {
            PNCounter next = writers.getOrDefault(op.node(), PNCounter.empty()).add(op.node(), op.amount());
            writers.put(op.node(), next);
            updates.add(next);
        }
        Laws.replicasConverge(PNCounter.empty(), updates, seed);
        PNCounter merged = updates.stream().reduce(PNCounter.empty(), PNCounter::merge);
        assertThat(merged.value())
                .isEqualTo(ops.stream().mapToLong(GCounterOp::amount).sum());
    }

    @Test
    void countsUpAndDown() {
        PNCounter c =
                PNCounter.empty().increment(A, 10).decrement(B, 4).add(A, -7).add(B, 2);
        assertThat(c.value()).isEqualTo(1);
        assertThat(c.increments().value()).isEqualTo(12);
        assertThat(c.decrements().value()).isEqualTo(11);
    }

    @Test
    void valueMayGoNegative() {
        assertThat(PNCounter.empty().decrement(A, 5).value()).isEqualTo(-5);
    }

    @Test
    void negativeAmountsAreRejectedWithTheAmount() {
        assertThatThrownBy(() -> PNCounter.empty().increment(A, -3)).hasMessageContaining("-3");
        assertThatThrownBy(() -> PNCounter.empty().decrement(A, -4)).hasMessageContaining("-4");
        assertThatThrownBy(() -> PNCounter.empty().add(A, Long.MIN_VALUE))
                .hasMessageContaining(Long.toString(Long.MIN_VALUE));
    }

    @Test
    void netValueOverflowIsRefusedNotWrapped() {
        PNCounter c = PNCounter.empty().decrement(A, Long.MAX_VALUE).decrement(B, 2);
        assertThatThrownBy(c::value).isInstanceOf(ArithmeticException.class);
    }

    @Provide
    Arbitrary<PNCounter> counters() {
        return CrdtArbitraries.pnCounters();
    }

    @Provide
    Arbitrary<List<GCounterOp>> histories() {
        return Combinators.combine(CrdtArbitraries.nodes(), Arbitraries.longs().between(-1_000, 1_000))
                .as(GCounterOp::new)
                .list()
                .ofMaxSize(20);
    }
}
