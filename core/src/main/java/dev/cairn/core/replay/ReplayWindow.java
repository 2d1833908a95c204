package dev.cairn.core.replay;

import dev.cairn.core.id.NodeId;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.PriorityQueue;

/**
 * The (sender, nonce) pairs of accepted signed messages, each remembered until a replay of its message would fail the
 * time check anyway ({@code ts + skew}), in bounded memory. Handshakes and overlay envelopes each keep one.
 *
 * <p>Entries are indexed twice: a hash map for the replay lookup and a heap by expiry, so purging is O(log n) per
 * expired entry and memory is O(capacity). When the window is full of unexpired pairs a new pair is refused
 * ({@link Admission#FULL}) rather than an older one evicted: evicting would forget a nonce whose message still passes
 * the time check, and whoever can fill the window (any key pair signs valid messages) could then replay anything.
 * Refusing turns that flood into a bounded denial of new messages, lasting at most {@code 2 × skew}. Thread-safe.
 */
public final class ReplayWindow {
    /** What {@link #admit} made of a pair. */
    public enum Admission {
        ADMITTED,
        REPLAYED,
        FULL
    }

    private record Key(NodeId node, String nonce) {}

    private record Expiry(long atMillis, Key key) {}

    private final int capacity;
    private final Map<Key, Long> expiries = new HashMap<>();
    private final PriorityQueue<Expiry> byExpiry = new PriorityQueue<>((a, b) -> Long.compare(a.atMillis, b.atMillis));

    public ReplayWindow(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("replay window capacity must be >= 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** Whether the pair is remembered (accepted before and not yet expired). */
    public synchronized boolean seen(NodeId node, String nonce, long nowMillis) {
        purge(nowMillis);
        return expiries.containsKey(new Key(node, nonce));
    }

    /** Remembers the pair until {@code expiresAtMillis}, unless it is remembered already or the window is full. */
    public synchronized Admission admit(NodeId node, String nonce, long expiresAtMillis, long nowMillis) {
        purge(nowMillis);
        var key = new Key(node, nonce);
        if (expiries.containsKey(key)) {
            return Admission.REPLAYED;
        }
        if (expiries.size() >= capacity) {
            return Admission.FULL;
        }
        expiries.put(key, expiresAtMillis);
        byExpiry.add(new Expiry(expiresAtMillis, key));
        return Admission.ADMITTED;
    }

    /** When the earliest remembered pair expires, if any: when a full window frees a slot. */
    public synchronized OptionalLong earliestExpiry() {
        return byExpiry.isEmpty() ? OptionalLong.empty() : OptionalLong.of(byExpiry.peek().atMillis);
    }

    public synchronized int size() {
        return expiries.size();
    }

    public int capacity() {
        return capacity;
    }

    private void purge(long nowMillis) {
        while (!byExpiry.isEmpty() && byExpiry.peek().atMillis < nowMillis) {
            expiries.remove(byExpiry.poll().key);
        }
    }
}
