package dev.cairn.core.dht;

import dev.cairn.core.crdt.Dominance;
import dev.cairn.core.id.NodeIdentity;
import dev.cairn.core.id.SignatureVerifier;
import dev.cairn.core.port.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.UnaryOperator;

/**
 * This node's DHT records: accepts records from peers (verified, then merged) and publishes its own writes, keeping
 * count of merge conflicts for {@code dht_merge_conflicts_total}.
 */
public final class LocalDht {
    private final NodeIdentity self;
    private final Clock clock;
    private final RecordStore store;
    private final RecordMerger merger;
    private final SignatureVerifier signatures;
    private final LongAdder conflicts = new LongAdder();

    public LocalDht(NodeIdentity self, Clock clock, RecordStore store, RecordValueCodec codec) {
        this(self, clock, store, codec, SignatureVerifier.direct());
    }

    /** As the other constructor, with incoming records' signatures checked by {@code signatures}. */
    public LocalDht(
            NodeIdentity self, Clock clock, RecordStore store, RecordValueCodec codec, SignatureVerifier signatures) {
        this.signatures = Objects.requireNonNull(signatures, "signatures");
        this.self = Objects.requireNonNull(self, "self");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.store = Objects.requireNonNull(store, "store");
        this.merger = new RecordMerger(self, clock, codec);
    }

    /**
     * Verifies a peer's record and merges it into the stored one.
     *
     * @throws InvalidRecordException if its signature does not hold; nothing stored changes then
     */
    public MergeOutcome accept(DhtRecord incoming) {
        incoming.verify(signatures);
        MergeOutcome outcome = store.merge(incoming.key(), current -> merger.merge(current, incoming));
        if (outcome.conflict()) {
            conflicts.increment();
        }
        return outcome;
    }

    /**
     * Writes a new value for {@code key}, computed from the current one ({@code initial} when there is none), signed
     * by this node with a stamp that dominates the stored record.
     */
    public DhtRecord publish(DhtKey key, RecordValue initial, UnaryOperator<RecordValue> update) {
        return store.merge(key, current -> {
                    RecordValue base = current.map(DhtRecord::value).orElse(initial);
                    Dominance stamp = current.map(DhtRecord::dominance)
                            .map(d -> d.next(clock.millis(), self.nodeId()))
                            .orElseGet(() -> new Dominance(0, clock.millis(), self.nodeId()));
                    var record = DhtRecord.sign(self, key, update.apply(base), stamp);
                    return new MergeOutcome(record, MergeOutcome.Change.REPLACED, false);
                })
                .record();
    }

    public Optional<DhtRecord> get(DhtKey key) {
        return store.get(key);
    }

    /** Merges where two writes raced and dominance discarded one, since this node started. */
    public long mergeConflicts() {
        return conflicts.sum();
    }
}
