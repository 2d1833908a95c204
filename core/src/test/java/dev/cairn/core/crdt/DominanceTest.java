package dev.cairn.core.crdt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.id.NodeId;
import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class DominanceTest {
    @Property(tries = 1000)
    void orderIsAntisymmetric(@ForAll("stamps") Dominance a, @ForAll("stamps") Dominance b) {
        assertThat(Integer.signum(a.compareTo(b))).isEqualTo(-Integer.signum(b.compareTo(a)));
    }

    @Property(tries = 1000)
    void orderIsTransitive(
            @ForAll("stamps") Dominance a, @ForAll("stamps") Dominance b, @ForAll("stamps") Dominance c) {
        if (a.compareTo(b) <= 0 && b.compareTo(c) <= 0) {
            assertThat(a.compareTo(c)).isLessThanOrEqualTo(0);
        }
        if (a.compareTo(b) < 0 && b.compareTo(c) < 0) {
            assertThat(a.compareTo(c)).isLessThan(0);
        }
    }

    @Property(tries = 1000)
    void orderIsTotalAndConsistentWithEquals(@ForAll("stamps") Dominance a, @ForAll("stamps") Dominance b) {
        assertThat(a.compareTo(b) == 0).isEqualTo(a.equals(b));
        assertThat(a.dominates(b) || b.dominates(a) || a.equals(b)).isTrue();
    }

    @Property(tries = 1000)
    void orderIsCounterThenTimestampThenUnsignedNodeId(@ForAll("stamps") Dominance a, @ForAll("stamps") Dominance b) {
        assertThat(Integer.signum(a.compareTo(b)))
                .isEqualTo(Integer.signum(reference(a).compareTo(reference(b))));
    }

    @Property(tries = 1000)
    void nextDominatesWhateverTheClock(
            @ForAll("stamps") Dominance seen, @ForAll("timestamps") long now, @ForAll("anyNode") NodeId writer) {
        Dominance next = seen.next(now, writer);
        assertThat(next.dominates(seen)).isTrue();
        assertThat(Dominance.max(seen, next)).isEqualTo(next);
    }

    @Test
    void nodeIdsCompareAsUnsignedNumbers() {
        var low = new Dominance(1, 1, CrdtArbitraries.node(0x7f));
        var high = new Dominance(1, 1, CrdtArbitraries.node(0x80));
        assertThat(high.dominates(low)).isTrue();
    }

    @Test
    void counterOutranksTimestamp() {
        var older = new Dominance(2, 10, CrdtArbitraries.node(0));
        var newerClock = new Dominance(1, 99, CrdtArbitraries.node(0xff));
        assertThat(older.dominates(newerClock)).isTrue();
    }

    @Test
    void guardsNameTheBadValue() {
        NodeId n = CrdtArbitraries.node(1);
        assertThatThrownBy(() -> new Dominance(-1, 0, n)).hasMessageContaining("-1");
        assertThatThrownBy(() -> new Dominance(0, -5, n)).hasMessageContaining("-5");
        assertThatThrownBy(() -> new Dominance(Long.MAX_VALUE, 0, n).next(0, n))
                .isInstanceOf(ArithmeticException.class)
                .hasMessageContaining(Long.toString(Long.MAX_VALUE));
    }

    @Provide
    Arbitrary<Dominance> stamps() {
        return Arbitraries.oneOf(
                CrdtArbitraries.dominances(),
                Combinators.combine(
                                Arbitraries.longs().between(0, Long.MAX_VALUE - 1),
                                timestamps(),
                                CrdtArbitraries.anyNodes())
                        .as(Dominance::new));
    }

    @Provide
    Arbitrary<Long> timestamps() {
        return Arbitraries.longs().between(0, Long.MAX_VALUE);
    }

    @Provide
    Arbitrary<NodeId> anyNode() {
        return CrdtArbitraries.anyNodes();
    }

    /** The order spelled out: counter, timestamp, node id as a 256-bit unsigned number. */
    private static BigInteger reference(Dominance d) {
        return BigInteger.valueOf(d.logicalCounter())
                .shiftLeft(64)
                .add(BigInteger.valueOf(d.timestampMillis()))
                .shiftLeft(256)
                .add(new BigInteger(1, d.nodeId().value().toBytes()));
    }
}
