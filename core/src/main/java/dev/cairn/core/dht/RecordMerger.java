package dev.cairn.core.dht;

import dev.cairn.core.crdt.Dominance;
import dev.cairn.core.id.NodeIdentity;
import dev.cairn.core.port.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Merges two records for one key, deterministically.
 *
 * <p>The record with the greater {@link Dominance} is the winner. Then:
 *
 * <ul>
 *   <li>last-writer-wins values ({@link ContentMeta}): the winner's decisions are kept, both conflict logs are
 *       united, and the CIDs merge by {@link ContentMeta#mergeIpfsCid} (present over absent; of two different ones
 *       the smaller, which counts as a conflict). Two values with different decisions on the same logical counter are a conflict: both writers started
 *       from the same revision, and dominance (timestamp, then NodeId) discards one of them; the discarded decisions
 *       join the log. If the result differs from the winner's value, this node signs it under
 *       {@code (max.counter, max.timestamp + 1, self)}: that dominates both inputs but not the leader's next write.
 *   <li>joinable values (metrics, membership): the values are joined. If the join equals one record's value, that
 *       record is kept as it is, signature and all (the winner when both qualify). Otherwise neither record holds
 *       everything, and this node signs the join with a stamp that dominates both: {@code max.next(now, self)}.
 * </ul>
 *
 * <p>A writer that signs two different values under one stamp contradicts itself; the value whose encoding is
 * greater (unsigned, byte-wise) wins, so every node picks the same one, and it counts as a conflict.
 *
 * <p>The value of a merge never depends on argument order; only a newly signed join depends on this node and its
 * clock, and such records converge: once every node holds the same joined value, the greatest stamp among them wins.
 */
public final class RecordMerger {
    private final NodeIdentity self;
    private final Clock clock;
    private final RecordValueCodec codec;

    public RecordMerger(NodeIdentity self, Clock clock, RecordValueCodec codec) {
        this.self = Objects.requireNonNull(self, "self");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    /** Merges {@code incoming} into the stored record of its key, if any. */
    public MergeOutcome merge(Optional<DhtRecord> stored, DhtRecord incoming) {
        if (stored.isEmpty()) {
            return new MergeOutcome(incoming, MergeOutcome.Change.REPLACED, false);
        }
        DhtRecord current = stored.get();
        if (!current.key().equals(incoming.key())) {
            throw new IllegalArgumentException("cannot merge records of "
                    + current.key().wire() + " and " + incoming.key().wire());
        }
        if (current.equals(incoming)) {
            return new MergeOutcome(current, MergeOutcome.Change.KEPT, false);
        }
        int order = current.dominance().compareTo(incoming.dominance());
        boolean sameStamp = order == 0;
        if (sameStamp) {
            order = Arrays.compareUnsigned(codec.encode(current.value()), codec.encode(incoming.value()));
        }
        DhtRecord winner = order >= 0 ? current : incoming;
        DhtRecord loser = winner == current ? incoming : current;

        if (winner.value() instanceof ContentMeta won && loser.value() instanceof ContentMeta lost) {
            return mergeMeta(current, winner, won, loser, lost, sameStamp);
        }
        RecordValue joined = RecordValue.join(winner.value(), loser.value());
        if (joined.equals(winner.value())) {
            return outcome(current, winner, sameStamp);
        }
        if (joined.equals(loser.value())) {
            return outcome(current, loser, sameStamp);
        }
        Dominance stamp = winner.dominance().next(clock.millis(), self.nodeId());
        return new MergeOutcome(
                DhtRecord.sign(self, winner.key(), joined, stamp), MergeOutcome.Change.JOINED, sameStamp);
    }

    /**
     * Content meta: the winner's decisions stay; the conflict logs are united (the log is a grow-only set, bounded,
     * so a logged conflict survives a later write that had not seen it); and if both writes are on one logical counter
     * with different decisions, the loser's decisions join the log. The CID, a fact about the blob rather than a
     * decision, is kept from whichever record has it. The result is a function of the two values, so every node
     * computes the same one; if it differs from the winner's value (say a newer write that had not yet seen the CID),
     * this node signs it.
     */
    private MergeOutcome mergeMeta(
            DhtRecord current,
            DhtRecord winner,
            ContentMeta won,
            DhtRecord loser,
            ContentMeta lost,
            boolean sameStamp) {
        boolean concurrent =
                winner.dominance().logicalCounter() == loser.dominance().logicalCounter();
        // Two different CIDs for one blob: one record is wrong. Both merge to the smaller whatever the stamps (a CID is
        // a fact, not a decision), and the meeting counts as a conflict; the log records decisions only.
        boolean conflict = sameStamp
                || (concurrent && !won.sameDecisions(lost))
                || ContentMeta.ipfsCidsDisagree(won.ipfsCid(), lost.ipfsCid());
        var log = ConflictEntry.union(won.conflictLog(), lost.conflictLog(), ContentMeta.MAX_CONFLICT_LOG);
        if (concurrent && !won.sameDecisions(lost)) {
            log = ConflictEntry.union(
                    log, List.of(ConflictEntry.of(loser.dominance(), lost)), ContentMeta.MAX_CONFLICT_LOG);
        }
        var merged = new ContentMeta(
                won.revision(),
                won.leader(),
                won.leases(),
                log,
                ContentMeta.mergeIpfsCid(won.ipfsCid(), lost.ipfsCid()));
        if (merged.equals(won)) {
            return outcome(current, winner, conflict);
        }
        // Not max.next(now, self) as for joins: a counter bump would let this re-signed copy of an old decision beat
        // the leader's next write, which also takes counter + 1. One millisecond past the winner dominates both
        // inputs and nothing later.
        Dominance w = winner.dominance();
        Dominance stamp = new Dominance(w.logicalCounter(), w.timestampMillis() + 1, self.nodeId());
        return new MergeOutcome(
                DhtRecord.sign(self, winner.key(), merged, stamp), MergeOutcome.Change.JOINED, conflict);
    }

    private static MergeOutcome outcome(DhtRecord current, DhtRecord result, boolean conflict) {
        var change = result == current ? MergeOutcome.Change.KEPT : MergeOutcome.Change.REPLACED;
        return new MergeOutcome(result, change, conflict);
    }
}
