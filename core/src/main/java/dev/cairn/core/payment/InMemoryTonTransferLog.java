package dev.cairn.core.payment;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/** The TON transfer log in a map: for embedding without a database, and for tests. Thread-safe. */
public final class InMemoryTonTransferLog implements TonTransferLog {
    private final Map<String, Entry> entries = new HashMap<>();

    @Override
    public synchronized boolean record(Entry entry) {
        Objects.requireNonNull(entry, "entry");
        return entries.putIfAbsent(entry.transfer().hash(), entry) == null;
    }

    @Override
    public synchronized boolean seen(String hash) {
        return entries.containsKey(hash);
    }

    @Override
    public synchronized OptionalLong lastLt() {
        return entries.values().stream().mapToLong(e -> e.transfer().lt()).max();
    }

    /** The entry recorded for {@code hash}. */
    public synchronized Optional<Entry> entry(String hash) {
        return Optional.ofNullable(entries.get(hash));
    }
}
