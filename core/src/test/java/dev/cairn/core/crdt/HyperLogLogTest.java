package dev.cairn.core.crdt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class HyperLogLogTest {
    private static final long[] CHECKPOINTS = {
        1, 2, 5, 10, 50, 100, 500, 1_000, 5_000, 10_000, 50_000, 100_000, 500_000, 1_000_000, 10_000_000
    };

    @Test
    void estimatesStayWithinThreeStandardErrorsFromOneToTenMillion() {
        // One stream per seed, checked at every checkpoint it reaches: eight seeds up to 100k, three up to 1M, one
        // up to 10M.
        List<String> misses = new ArrayList<>();
        for (int seed = 1; seed <= 8; seed++) {
            long limit = seed == 1 ? 10_000_000 : seed <= 3 ? 1_000_000 : 100_000;
            misses.addAll(checkAccuracy(HyperLogLog.DEFAULT_PRECISION, seed, limit));
        }
        assertThat(misses).isEmpty();
    }

    @Test
    void otherPrecisionsStayWithinThreeStandardErrors() {
        List<String> misses = new ArrayList<>();
        for (int p : new int[] {4, 6, 8, 10, 12, 16, 18}) {
            for (int seed = 11; seed <= 13; seed++) {
                misses.addAll(checkAccuracy(p, seed, 1_000_000));
            }
        }
        assertThat(misses).isEmpty();
    }

    @Test
    void addingByteArraysHashesThemWithBlake3() {
        var builder = HyperLogLog.builder();
        var sketch = HyperLogLog.empty();
        var ids = new SplitMix64(42);
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            byte[] id = new byte[32];
            for (int w = 0; w < 4; w++) {
                long v = ids.next();
                for (int b = 0; b < 8; b++) {
                    id[8 * w + b] = (byte) (v >>> (8 * b));
                }
            }
            builder.add(id);
            if (i < 2_000) {
                sketch = sketch.add(id);
            }
        }
        HyperLogLog built = builder.build();
        assertThat(built.estimate())
                .isCloseTo(n, org.assertj.core.data.Offset.offset(3 * built.relativeStandardError() * n));
        assertThat(sketch.estimate())
                .isCloseTo(2_000, org.assertj.core.data.Offset.offset(3 * sketch.relativeStandardError() * 2_000));
    }

    @Test
    void theByteHashIsTheFirstEightBytesOfBlake3BigEndian() {
        // BLAKE3("") = af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262
        assertThat(HyperLogLog.hash(new byte[0])).isEqualTo(0xaf1349b9f5f9a1a6L);
    }

    @Test
    void theSparseToDenseSwitchKeepsTheEstimate() {
        var hashes = new SplitMix64(7);
        var sketch = HyperLogLog.empty();
        var builder = HyperLogLog.builder();
        double lastSparse = 0;
        boolean switched = false;
        for (int i = 0; i < 6_000; i++) {
            long h = hashes.next();
            HyperLogLog next = sketch.addHash(h);
            builder.addHash(h);
            if (sketch.isSparse() && !next.isSparse()) {
                switched = true;
                lastSparse = sketch.estimate();
                assertThat(next.estimate()).isCloseTo(lastSparse, org.assertj.core.data.Offset.offset(1.5));
                assertThat(nonZero(next)).isEqualTo(HyperLogLog.sparseLimit(14));
            }
            sketch = next;
            if (i % 250 == 0) {
                assertThat(sketch).isEqualTo(builder.build());
                assertThat(sketch.estimate()).isEqualTo(builder.build().estimate());
            }
        }
        assertThat(switched).isTrue();
        assertThat(sketch).isEqualTo(builder.build());
    }

    @Test
    void anEmptySketchEstimatesZero() {
        assertThat(HyperLogLog.empty().estimate()).isZero();
        assertThat(HyperLogLog.empty(4).estimate()).isZero();
        assertThat(HyperLogLog.empty().registerCount()).isEqualTo(16_384);
        assertThat(HyperLogLog.empty().relativeStandardError())
                .isCloseTo(0.008125, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void theLongestRunOfZerosSaturatesTheRegister() {
        assertThat(HyperLogLog.empty(14).addHash(0L).register(0)).isEqualTo(51);
        assertThat(HyperLogLog.empty(4).addHash(-1L).register(15)).isEqualTo(1);
        assertThat(HyperLogLog.empty(18).addHash(1L).register(0)).isEqualTo(46);
    }

    @Test
    void precisionIsGuardedWithTheBadValue() {
        assertThatThrownBy(() -> HyperLogLog.empty(3)).hasMessageContaining("[4, 18]: 3");
        assertThatThrownBy(() -> HyperLogLog.builder(19)).hasMessageContaining("19");
        assertThatThrownBy(() -> HyperLogLog.empty(10).merge(HyperLogLog.empty(12)))
                .hasMessageContaining("10")
                .hasMessageContaining("12");
    }

    @Property(tries = 1000)
    void immutableAddsEqualTheBuilder(@ForAll @IntRange(min = 4, max = 12) int p, @ForAll("hashes") List<Long> hashes) {
        var builder = HyperLogLog.builder(p);
        hashes.forEach(builder::addHash);
        HyperLogLog sketch = CrdtArbitraries.sketch(p, hashes);
        assertThat(sketch).isEqualTo(builder.build());
        assertThat(sketch.toBuilder().build()).isEqualTo(sketch);
    }

    @Property(tries = 1000)
    void mergeIsCommutative(@ForAll("small") HyperLogLog a, @ForAll("small") HyperLogLog b) {
        Laws.mergeIsCommutative(a, b);
    }

    @Property(tries = 1000)
    void mergeIsAssociative(
            @ForAll("small") HyperLogLog a, @ForAll("small") HyperLogLog b, @ForAll("small") HyperLogLog c) {
        Laws.mergeIsAssociative(a, b, c);
    }

    @Property(tries = 1000)
    void mergeIsIdempotent(@ForAll("small") HyperLogLog a, @ForAll("small") HyperLogLog b) {
        Laws.mergeIsIdempotent(a, b);
    }

    @Property(tries = 1000)
    void mergeEqualsTheSketchOfTheUnion(
            @ForAll @IntRange(min = 0, max = 6_000) int sizeA,
            @ForAll @IntRange(min = 0, max = 6_000) int sizeB,
            @ForAll long seed) {
        var stream = new SplitMix64(seed);
        var a = HyperLogLog.builder();
        var b = HyperLogLog.builder();
        var union = HyperLogLog.builder();
        for (int i = 0; i < sizeA + sizeB; i++) {
            long h = stream.next();
            (i < sizeA ? a : b).addHash(h);
            union.addHash(h);
        }
        HyperLogLog merged = a.build().merge(b.build());
        assertThat(merged).isEqualTo(union.build());
        assertThat(a.merge(b.build()).build()).isEqualTo(merged);
    }

    @Property(tries = 1000)
    void fiveReplicasConvergeWhateverTheDeliveryOrder(@ForAll("additions") List<Addition> adds, @ForAll long seed) {
        HyperLogLog[] writers = new HyperLogLog[5];
        java.util.Arrays.fill(writers, HyperLogLog.empty(6));
        List<HyperLogLog> updates = new ArrayList<>();
        for (Addition add : adds) {
            writers[add.writer()] = writers[add.writer()].addHash(add.hash());
            updates.add(writers[add.writer()]);
        }
        Laws.replicasConverge(HyperLogLog.empty(6), updates, seed);
    }

    @Provide
    Arbitrary<List<Long>> hashes() {
        return CrdtArbitraries.hashLists(300);
    }

    /** Precision 6 (64 registers, sparse below 16): small enough that random sketches cover both forms. */
    @Provide
    Arbitrary<HyperLogLog> small() {
        return CrdtArbitraries.hashLists(60).map(h -> CrdtArbitraries.sketch(6, h));
    }

    @Provide
    Arbitrary<List<Addition>> additions() {
        return Combinators.combine(Arbitraries.integers().between(0, 4), Arbitraries.longs())
                .as(Addition::new)
                .list()
                .ofMaxSize(40);
    }

    record Addition(int writer, long hash) {}

    /** Streams {@code limit} distinct hashes into one sketch and reports the checkpoints missed by 3 sigma. */
    private static List<String> checkAccuracy(int precision, long seed, long limit) {
        var stream = new SplitMix64(seed * 0x632BE59BD9B4E019L);
        var builder = HyperLogLog.builder(precision);
        List<String> misses = new ArrayList<>();
        long added = 0;
        for (long checkpoint : CHECKPOINTS) {
            if (checkpoint > limit) {
                break;
            }
            for (; added < checkpoint; added++) {
                builder.addHash(stream.next());
            }
            HyperLogLog sketch = builder.build();
            double estimate = sketch.estimate();
            double allowed = 3 * sketch.relativeStandardError() * checkpoint;
            // Below an allowance of one, a single collision of two elements in one register already exceeds it; at
            // the default precision that takes n < 41, where collisions are rare enough to check all the same.
            boolean meaningful = precision == HyperLogLog.DEFAULT_PRECISION || allowed >= 1;
            if (meaningful && Math.abs(estimate - checkpoint) > allowed) {
                misses.add("p=%d seed=%d n=%d estimate=%.2f allowed ±%.3f"
                        .formatted(precision, seed, checkpoint, estimate, allowed));
            }
        }
        return misses;
    }

    private static int nonZero(HyperLogLog sketch) {
        int n = 0;
        for (int i = 0; i < sketch.registerCount(); i++) {
            n += sketch.register(i) != 0 ? 1 : 0;
        }
        return n;
    }
}
