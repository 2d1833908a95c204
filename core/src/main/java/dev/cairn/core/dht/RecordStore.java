package dev.cairn.core.dht;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Port: where a node keeps the current record of each DHT key. {@link InMemoryRecordStore} is the JDK-only
 * implementation; the PostgreSQL adapter persists them.
 */
public interface RecordStore {
    Optional<DhtRecord> get(DhtKey key);

    /**
     * Atomically replaces the record of {@code key} with what {@code merge} makes of the current one. {@code merge}
     * must have no side effects: an implementation may call it again when another writer got there first.
     */
    MergeOutcome merge(DhtKey key, Function<Optional<DhtRecord>, MergeOutcome> merge);

    /** Forgets a key (expired windows, departed members); false if there was nothing to forget. */
    boolean remove(DhtKey key);

    /** Every stored key, in no particular order. */
    List<DhtKey> keys();
}
