package dev.cairn.core.replication;

import dev.cairn.core.id.ContentId;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link PinSet} on the heap: pins are forgotten on restart, and replication re-pins on its next rounds. */
public final class InMemoryPinSet implements PinSet {
    private final Set<ContentId> pins = ConcurrentHashMap.newKeySet();

    @Override
    public boolean add(ContentId content) {
        return pins.add(Objects.requireNonNull(content, "content"));
    }

    @Override
    public boolean remove(ContentId content) {
        return pins.remove(content);
    }

    @Override
    public boolean contains(ContentId content) {
        return pins.contains(content);
    }

    @Override
    public Set<ContentId> snapshot() {
        return Set.copyOf(pins);
    }
}
