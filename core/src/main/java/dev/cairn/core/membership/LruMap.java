package dev.cairn.core.membership;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map that forgets its least recently used entry when it would hold more than {@code capacity}: the bound of this
 * package's caches. Not thread-safe; its owners lock it.
 */
final class LruMap<K, V> extends LinkedHashMap<K, V> {
    private final int capacity;

    LruMap(int capacity) {
        super(16, 0.75f, true);
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > capacity;
    }
}
