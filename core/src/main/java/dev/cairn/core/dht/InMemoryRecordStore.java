package dev.cairn.core.dht;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** A {@link RecordStore} in a concurrent map: for embedding without a database, tests and the simulator. */
public final class InMemoryRecordStore implements RecordStore {
    private final ConcurrentHashMap<DhtKey, DhtRecord> records = new ConcurrentHashMap<>();

    @Override
    public Optional<DhtRecord> get(DhtKey key) {
        return Optional.ofNullable(records.get(key));
    }

    @Override
    public MergeOutcome merge(DhtKey key, Function<Optional<DhtRecord>, MergeOutcome> merge) {
        var result = new MergeOutcome[1];
        records.compute(key, (k, current) -> {
            MergeOutcome outcome = merge.apply(Optional.ofNullable(current));
            if (!outcome.record().key().equals(key)) {
                throw new IllegalArgumentException("merge for " + key.wire() + " produced a record of "
                        + outcome.record().key().wire());
            }
            result[0] = outcome;
            return outcome.record();
        });
        return result[0];
    }

    @Override
    public boolean remove(DhtKey key) {
        return records.remove(key) != null;
    }

    @Override
    public List<DhtKey> keys() {
        return List.copyOf(records.keySet());
    }
}
