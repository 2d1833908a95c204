package dev.cairn.core.dht;

import static dev.cairn.core.dht.DhtFixtures.META_KEY;
import static dev.cairn.core.dht.DhtFixtures.METRIC_KEY;
import static dev.cairn.core.dht.DhtFixtures.cid;
import static dev.cairn.core.dht.DhtFixtures.metaRecord;
import static dev.cairn.core.dht.DhtFixtures.metricRecord;
import static dev.cairn.core.dht.DhtFixtures.node;
import static dev.cairn.core.dht.DhtFixtures.stamp;
import static dev.cairn.core.dht.DhtFixtures.views;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.crdt.Dominance;
import dev.cairn.core.dht.MergeOutcome.Change;
import dev.cairn.core.ipfs.Cid;
import dev.cairn.core.port.ManualClock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class RecordMergerTest {
    final ManualClock clock = new ManualClock(2_000_000);
    final RecordMerger merger = new RecordMerger(node(4), clock, RecordValueCodec.standard());

    @Test
    void theFirstRecordOfAKeyIsTakenAsItIs() {
        DhtRecord record = metricRecord(0, 1, views(0, 1));
        assertThat(merger.merge(Optional.empty(), record)).isEqualTo(new MergeOutcome(record, Change.REPLACED, false));
    }

    @Test
    void theSameRecordTwiceChangesNothing() {
        DhtRecord record = metricRecord(0, 1, views(0, 1));
        assertThat(merger.merge(Optional.of(record), record)).isEqualTo(new MergeOutcome(record, Change.KEPT, false));
    }

    @Test
    void aLaterRevisionOfContentMetaReplacesTheEarlierWithoutConflict() {
        DhtRecord older = metaRecord(0, 1, 1_000, 0);
        DhtRecord newer = metaRecord(1, 2, 500, 1);

        assertThat(merger.merge(Optional.of(older), newer)).isEqualTo(new MergeOutcome(newer, Change.REPLACED, false));
        assertThat(merger.merge(Optional.of(newer), older)).isEqualTo(new MergeOutcome(newer, Change.KEPT, false));
    }

    /**
     * The later timestamp's decisions win; since the conflict log must record the loser, the merged value is neither
     * input and this node signs it, one millisecond past the winner so the leader's next write still dominates it.
     */
    @Test
    void twoLeadersWritingTheSameRevisionConflictTheLaterTimestampWinsAndTheLoserIsLogged() {
        DhtRecord first = metaRecord(0, 5, 1_000, 0);
        DhtRecord second = metaRecord(1, 5, 2_000, 1);

        MergeOutcome outcome = merger.merge(Optional.of(first), second);

        assertThat(outcome.change()).isEqualTo(Change.JOINED);
        assertThat(outcome.conflict()).isTrue();
        outcome.record().verify();
        assertThat(outcome.record().dominance()).isEqualTo(stamp(5, 2_001, 4));
        var won = (ContentMeta) second.value();
        var merged = (ContentMeta) outcome.record().value();
        assertThat(merged.revision()).isEqualTo(won.revision());
        assertThat(merged.sameDecisions(won)).isTrue();
        assertThat(merged.conflictLog())
                .containsExactly(ConflictEntry.of(first.dominance(), (ContentMeta) first.value()));
        assertThat(merger.merge(Optional.of(second), first).record()).isEqualTo(outcome.record());
    }

    @Test
    void aMergedMetaMeetingItsTwinSignedElsewhereKeepsTheGreaterStampWithoutConflict() {
        DhtRecord first = metaRecord(0, 5, 1_000, 0);
        DhtRecord second = metaRecord(1, 5, 2_000, 1);
        DhtRecord here = merger.merge(Optional.of(first), second).record();
        var elsewhere = new RecordMerger(node(3), new ManualClock(3_000_000), RecordValueCodec.standard());
        DhtRecord there = elsewhere.merge(Optional.of(second), first).record();

        MergeOutcome outcome = merger.merge(Optional.of(here), there);

        assertThat(outcome).isEqualTo(new MergeOutcome(there, Change.REPLACED, false));
    }

    @Test
    void theLeadersNextWriteDominatesAMergedConflict() {
        DhtRecord merged = merger.merge(Optional.of(metaRecord(0, 5, 1_000, 0)), metaRecord(1, 5, 2_000, 1))
                .record();
        DhtRecord next = metaRecord(2, 6, 1_500, 2);

        MergeOutcome outcome = merger.merge(Optional.of(merged), next);

        // The next write's decisions win without a conflict; the logged conflict is carried over, so the value
        // differs from the next write's and this node re-signs it just above it.
        assertThat(outcome.conflict()).isFalse();
        var value = (ContentMeta) outcome.record().value();
        assertThat(value.sameDecisions((ContentMeta) next.value())).isTrue();
        assertThat(value.revision()).isEqualTo(6);
        assertThat(value.conflictLog()).isEqualTo(((ContentMeta) merged.value()).conflictLog());
        assertThat(outcome.record().dominance()).isEqualTo(stamp(6, 1_501, 4));
    }

    @Test
    void aLaterWriteWithoutTheLogDoesNotEraseIt() {
        DhtRecord merged = merger.merge(Optional.of(metaRecord(0, 5, 1_000, 0)), metaRecord(1, 5, 2_000, 1))
                .record();
        DhtRecord next = metaRecord(2, 6, 1_500, 2);

        assertThat(merger.merge(Optional.of(next), merged).record())
                .isEqualTo(merger.merge(Optional.of(merged), next).record());
    }

    @Test
    void theConflictLogKeepsOnlyTheNewestEntries() {
        Optional<DhtRecord> state = Optional.empty();
        for (int round = 0; round < ContentMeta.MAX_CONFLICT_LOG + 4; round++) {
            long counter = state.map(r -> r.dominance().logicalCounter() + 1).orElse(0L);
            DhtRecord a = metaRecord(0, counter, 1_000 + round, 0);
            DhtRecord b = metaRecord(1, counter, 2_000 + round, 1);
            var base = state.map(r -> (ContentMeta) r.value()).orElse(ContentMeta.empty());
            a = DhtRecord.sign(node(0), META_KEY, onTopOf(base, a), a.dominance());
            b = DhtRecord.sign(node(1), META_KEY, onTopOf(base, b), b.dominance());
            state = Optional.of(merger.merge(Optional.of(a), b).record());
        }
        var log = ((ContentMeta) state.orElseThrow().value()).conflictLog();
        assertThat(log).hasSize(ContentMeta.MAX_CONFLICT_LOG).isSorted();
        assertThat(log.getLast().stamp().timestampMillis()).isEqualTo(1_000 + ContentMeta.MAX_CONFLICT_LOG + 3);
    }

    /** {@code record}'s decisions written on top of {@code base}, carrying its conflict log as a leader does. */
    private static ContentMeta onTopOf(ContentMeta base, DhtRecord record) {
        var meta = (ContentMeta) record.value();
        return base.decide(meta.revision(), meta.leader(), meta.leases());
    }

    @Test
    void aNewerWriteWithoutTheCidKeepsTheOlderRecordsCidWithoutConflict() {
        DhtRecord older = metaRecord(0, 1, 1_000, 0, Optional.of(cid(1)));
        DhtRecord newer = metaRecord(1, 2, 500, 1);

        MergeOutcome outcome = merger.merge(Optional.of(older), newer);

        assertThat(outcome.conflict()).isFalse();
        assertThat(outcome.change()).isEqualTo(Change.JOINED);
        var merged = (ContentMeta) outcome.record().value();
        assertThat(merged.sameDecisions((ContentMeta) newer.value())).isTrue();
        assertThat(merged.revision()).isEqualTo(2);
        assertThat(merged.ipfsCid()).contains(cid(1));
        assertThat(outcome.record().dominance()).isEqualTo(stamp(2, 501, 4));
        assertThat(merger.merge(Optional.of(newer), older).record()).isEqualTo(outcome.record());
    }

    @Test
    void aNewerWriteWithTheCidReplacesAnOlderOneWithout() {
        DhtRecord older = metaRecord(0, 1, 1_000, 0);
        DhtRecord newer = metaRecord(1, 2, 500, 1, Optional.of(cid(1)));

        assertThat(merger.merge(Optional.of(older), newer)).isEqualTo(new MergeOutcome(newer, Change.REPLACED, false));
    }

    @Test
    void twoDifferentCidsMergeToTheSmallerAndCountAsAConflictWhateverTheStamps() {
        Cid small = cid(1).value().compareTo(cid(2).value()) < 0 ? cid(1) : cid(2);
        Cid large = small.equals(cid(1)) ? cid(2) : cid(1);
        DhtRecord older = metaRecord(0, 1, 1_000, 0, Optional.of(small));
        DhtRecord newer = metaRecord(1, 2, 500, 1, Optional.of(large));

        MergeOutcome ab = merger.merge(Optional.of(older), newer);
        MergeOutcome ba = merger.merge(Optional.of(newer), older);

        assertThat(ab.conflict()).isTrue();
        assertThat(ba.conflict()).isTrue();
        assertThat(ab.record()).isEqualTo(ba.record());
        var merged = (ContentMeta) ab.record().value();
        assertThat(merged.ipfsCid()).contains(small);
        assertThat(merged.sameDecisions((ContentMeta) newer.value())).isTrue();
        assertThat(merged.conflictLog())
                .as("the log records decisions, not CIDs")
                .isEmpty();
    }

    @Test
    void aJoinThatOneRecordAlreadyHoldsKeepsThatRecordAndItsSignature() {
        DhtRecord small = metricRecord(0, 1, views(0, 1));
        DhtRecord large = metricRecord(0, 2, views(0, 1, 2, 3));

        assertThat(merger.merge(Optional.of(small), large).record()).isSameAs(large);
        assertThat(merger.merge(Optional.of(large), small)).isEqualTo(new MergeOutcome(large, Change.KEPT, false));
    }

    @Test
    void aJoinNeitherRecordHoldsIsSignedByThisNodeWithADominatingStamp() {
        DhtRecord fromA = metricRecord(0, 3, views(0, 1, 2));
        DhtRecord fromB = metricRecord(1, 2, views(1, 3));

        MergeOutcome outcome = merger.merge(Optional.of(fromA), fromB);

        assertThat(outcome.change()).isEqualTo(Change.JOINED);
        assertThat(outcome.conflict()).isFalse();
        DhtRecord joined = outcome.record();
        joined.verify();
        assertThat(joined.writer()).isEqualTo(node(4).nodeId());
        assertThat(joined.dominance()).isEqualTo(stamp(4, clock.millis(), 4));
        assertThat(joined.value()).isEqualTo(views(0, 1, 2).join(views(1, 3)));
        var metric = (MetricState) joined.value();
        assertThat(metric.views().value()).isEqualTo(3);
    }

    @Test
    void aWriterContradictingItselfUnderOneStampIsResolvedTheSameWayEverywhere() {
        var stamp = stamp(3, 1_000, 0);
        DhtRecord one = DhtRecord.sign(node(0), METRIC_KEY, views(0, 1), stamp);
        DhtRecord two = DhtRecord.sign(node(0), METRIC_KEY, views(0, 2), stamp);

        MergeOutcome ab = merger.merge(Optional.of(one), two);
        MergeOutcome ba = merger.merge(Optional.of(two), one);

        assertThat(ab.conflict()).isTrue();
        assertThat(ba.conflict()).isTrue();
        assertThat(ab.record().value()).isEqualTo(ba.record().value());
    }

    @Test
    void recordsOfDifferentKeysAreNotMerged() {
        assertThatThrownBy(() -> merger.merge(Optional.of(metricRecord(0, 1, views(0, 1))), metaRecord(0, 1, 1, 0)))
                .hasMessageContaining(META_KEY.wire());
    }

    /**
     * Five replicas receive the same records (each node's own growing metric state, plus whatever joins the other
     * replicas signed) in different random orders with duplicates; they end with equal values, and once they have
     * exchanged their results, with identical records.
     */
    @Property(tries = 1000)
    void replicasConvergeWhateverTheDeliveryOrder(@ForAll @IntRange(min = 1, max = 6) int writes, @ForAll long seed) {
        var random = new Random(seed);
        List<DhtRecord> published = new ArrayList<>();
        for (int w = 0; w < writes; w++) {
            int writer = random.nextInt(4);
            published.add(metricRecord(writer, w, views(writer, random.nextInt(50), random.nextInt(50))));
        }
        var replicas = new ArrayList<Optional<DhtRecord>>();
        for (int r = 0; r < 5; r++) {
            var replicaMerger = new RecordMerger(node(r), new ManualClock(1_000_000 + r), RecordValueCodec.standard());
            var deliveries = new ArrayList<>(published);
            deliveries.addAll(published.subList(0, random.nextInt(published.size() + 1)));
            Collections.shuffle(deliveries, random);
            Optional<DhtRecord> state = Optional.empty();
            for (DhtRecord record : deliveries) {
                state = Optional.of(replicaMerger.merge(state, record).record());
            }
            replicas.add(state);
        }
        RecordValue expected = published.stream().map(DhtRecord::value).reduce(MetricState.empty(), RecordValue::join);
        assertThat(replicas).allSatisfy(r -> assertThat(r.orElseThrow().value()).isEqualTo(expected));

        // Gossip every replica's record to every other: all end with one identical record.
        var finals = new ArrayList<DhtRecord>();
        for (int r = 0; r < 5; r++) {
            Optional<DhtRecord> state = replicas.get(r);
            for (Optional<DhtRecord> other : replicas) {
                state = Optional.of(merger.merge(state, other.orElseThrow()).record());
            }
            finals.add(state.orElseThrow());
        }
        assertThat(finals).allSatisfy(f -> assertThat(f).isEqualTo(finals.get(0)));
    }

    /**
     * Writes with and without CIDs, on overlapping counters, merged by five replicas in random orders with duplicates
     * and then gossiped: all end with one record, whose CID is the smallest any write carried (none if none did), and
     * a conflict is counted exactly where two different CIDs met.
     */
    @Property(tries = 300)
    void replicasConvergeOnTheSmallestCidAnyWriteCarried(
            @ForAll @IntRange(min = 1, max = 6) int writes, @ForAll long seed) {
        var random = new Random(seed);
        List<DhtRecord> published = new ArrayList<>();
        for (int w = 0; w < writes; w++) {
            int writer = random.nextInt(4);
            Optional<Cid> cid = random.nextInt(3) == 0 ? Optional.empty() : Optional.of(cid(random.nextInt(3)));
            published.add(metaRecord(writer, random.nextInt(3), 10 + 10L * w, writer, cid));
        }
        Optional<Cid> expected = published.stream()
                .map(r -> ((ContentMeta) r.value()).ipfsCid())
                .reduce(Optional.empty(), ContentMeta::mergeIpfsCid);
        long distinctCids = published.stream()
                .map(r -> ((ContentMeta) r.value()).ipfsCid())
                .flatMap(Optional::stream)
                .distinct()
                .count();

        var replicas = new ArrayList<DhtRecord>();
        boolean anyConflictOverCids = false;
        for (int r = 0; r < 5; r++) {
            var replicaMerger = new RecordMerger(node(r), new ManualClock(1_000_000 + r), RecordValueCodec.standard());
            var deliveries = new ArrayList<>(published);
            deliveries.addAll(published.subList(0, random.nextInt(published.size() + 1)));
            Collections.shuffle(deliveries, random);
            Optional<DhtRecord> state = Optional.empty();
            for (DhtRecord record : deliveries) {
                var before = state.map(s -> ((ContentMeta) s.value()).ipfsCid()).orElse(Optional.empty());
                MergeOutcome outcome = replicaMerger.merge(state, record);
                if (ContentMeta.ipfsCidsDisagree(before, ((ContentMeta) record.value()).ipfsCid())) {
                    assertThat(outcome.conflict()).as("two different CIDs met").isTrue();
                    anyConflictOverCids = true;
                }
                state = Optional.of(outcome.record());
            }
            replicas.add(state.orElseThrow());
        }
        assertThat(anyConflictOverCids).isEqualTo(distinctCids > 1);
        for (int round = 0; round < 3; round++) {
            var next = new ArrayList<DhtRecord>();
            for (int r = 0; r < 5; r++) {
                var replicaMerger =
                        new RecordMerger(node(r), new ManualClock(1_000_000 + r), RecordValueCodec.standard());
                Optional<DhtRecord> state = Optional.of(replicas.get(r));
                for (DhtRecord other : replicas) {
                    state = Optional.of(replicaMerger.merge(state, other).record());
                }
                next.add(state.orElseThrow());
            }
            replicas = next;
        }
        var first = replicas.get(0);
        assertThat(replicas).allSatisfy(r -> assertThat(r).isEqualTo(first));
        assertThat(((ContentMeta) first.value()).ipfsCid()).isEqualTo(expected);
    }

    @Property(tries = 1000)
    void mergingContentMetaIsOrderIndependent(
            @ForAll @IntRange(min = 0, max = 3) int counterA,
            @ForAll @IntRange(min = 0, max = 3) int counterB,
            @ForAll @LongRange(min = 0, max = 3) long millisA,
            @ForAll @LongRange(min = 0, max = 3) long millisB,
            @ForAll @IntRange(min = 0, max = 3) int writerA,
            @ForAll @IntRange(min = 0, max = 3) int writerB) {
        DhtRecord a = metaRecord(writerA, counterA, millisA, writerA);
        DhtRecord b = metaRecord(writerB, counterB, millisB, writerB);

        MergeOutcome ab = merger.merge(Optional.of(a), b);
        MergeOutcome ba = merger.merge(Optional.of(b), a);

        assertThat(ab.record()).isEqualTo(ba.record());
        assertThat(ab.conflict()).isEqualTo(ba.conflict());
        Dominance max = a.dominance().compareTo(b.dominance()) >= 0 ? a.dominance() : b.dominance();
        // A concurrent pair is re-signed here with its loser logged; otherwise the greater record is kept.
        boolean concurrent = counterA == counterB && !a.value().equals(b.value());
        assertThat(ab.record().dominance())
                .isEqualTo(
                        concurrent
                                ? new Dominance(max.logicalCounter(), max.timestampMillis() + 1, node(4).nodeId())
                                : max);
        assertThat(((ContentMeta) ab.record().value()).conflictLog()).hasSize(concurrent ? 1 : 0);
    }

    /**
     * Leaders on several sides write content meta on overlapping counters; five replicas merge them in random orders
     * with duplicates. Each ends with the decisions of the greatest original stamp, and after a few rounds of
     * gossip all hold one identical record whose log has every concurrent loser they saw.
     */
    @Property(tries = 300)
    void contentMetaReplicasConvergeWhateverTheDeliveryOrder(
            @ForAll @IntRange(min = 1, max = 6) int writes, @ForAll long seed) {
        var random = new Random(seed);
        List<DhtRecord> published = new ArrayList<>();
        // Distinct timestamps 10 ms apart: a re-signed merge (winner + 1 ms) never overtakes an original write. (With
        // writes under 2 ms apart on one counter it may; replicas still converge, on either write's decisions.)
        var millis = new ArrayList<Long>();
        for (long t = 10; t <= 500; t += 10) {
            millis.add(t);
        }
        Collections.shuffle(millis, random);
        for (int w = 0; w < writes; w++) {
            int writer = random.nextInt(4);
            published.add(metaRecord(writer, random.nextInt(3), millis.get(w), writer));
        }
        DhtRecord greatest = published.stream()
                .max((a, b) -> a.dominance().compareTo(b.dominance()))
                .orElseThrow();
        var replicas = new ArrayList<DhtRecord>();
        for (int r = 0; r < 5; r++) {
            var replicaMerger = new RecordMerger(node(r), new ManualClock(1_000_000 + r), RecordValueCodec.standard());
            var deliveries = new ArrayList<>(published);
            deliveries.addAll(published.subList(0, random.nextInt(published.size() + 1)));
            Collections.shuffle(deliveries, random);
            Optional<DhtRecord> state = Optional.empty();
            for (DhtRecord record : deliveries) {
                state = Optional.of(replicaMerger.merge(state, record).record());
            }
            replicas.add(state.orElseThrow());
        }
        assertThat(replicas)
                .allSatisfy(r -> assertThat(((ContentMeta) r.value()).sameDecisions((ContentMeta) greatest.value()))
                        .isTrue());

        for (int round = 0; round < 3; round++) {
            var next = new ArrayList<DhtRecord>();
            for (int r = 0; r < 5; r++) {
                var replicaMerger =
                        new RecordMerger(node(r), new ManualClock(1_000_000 + r), RecordValueCodec.standard());
                Optional<DhtRecord> state = Optional.of(replicas.get(r));
                for (DhtRecord other : replicas) {
                    state = Optional.of(replicaMerger.merge(state, other).record());
                }
                next.add(state.orElseThrow());
            }
            replicas = next;
        }
        var first = replicas.get(0);
        assertThat(replicas).allSatisfy(r -> assertThat(r).isEqualTo(first));
        assertThat(((ContentMeta) first.value()).sameDecisions((ContentMeta) greatest.value()))
                .isTrue();
    }
}
