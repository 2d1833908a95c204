package dev.cairn.core.membership;

import dev.cairn.core.id.NodeId;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The (NodeId, nonce) pairs accepted within the skew window, in bounded memory.
 *
 * <p>A pair must be remembered until a replay of its message would fail the time check anyway, that is until the
 * message's {@code ts + skew}; after that it is dropped. Entries are indexed twice: a hash map for the replay lookup
 * and a heap by expiry, so purging is O(log n) per expired entry and memory is O(capacity).
 *
 * <p>When the cache is full of unexpired pairs, a new pair is <b>refused</b> ({@link RejectionReason#REPLAY_CACHE_FULL})
 * rather than an older one evicted: evicting would forget a nonce whose message still passes the time check, and an
 * attacker who can fill the cache (any key pair signs valid handshakes) could then replay anything. Refusing turns
 * that flood into a bounded denial of new handshakes, lasting at most {@code 2 × skew} after the flood stops, which
 * a node survives: known members simply retry. Only fully verified messages are recorded, so the flood must be validly
 * signed.
 */
final class ReplayCache {
    private record Key(NodeId node, String nonce) {}

    private record Expiry(long atMillis, Key key) {}

    private final int capacity;
    private final Map<Key, Long> expiries = new HashMap<>();
    private final PriorityQueue<Expiry> byExpiry = new PriorityQueue<>((a, b) -> Long.compare(a.atMillis, b.atMillis));

    ReplayCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("replay cache capacity must be >= 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** @throws HandshakeRejectedException {@link RejectionReason#NONCE_REPLAYED} if the pair is remembered */
    synchronized void requireUnseen(NodeId node, String nonce, long nowMillis) {
        purge(nowMillis);
        if (expiries.containsKey(new Key(node, nonce))) {
            throw replayed(node, nonce);
        }
    }

    /**
     * Remembers the pair until {@code expiresAtMillis}.
     *
     * @throws HandshakeRejectedException {@link RejectionReason#NONCE_REPLAYED} if it is already remembered,
     *     {@link RejectionReason#REPLAY_CACHE_FULL} if {@code capacity} unexpired pairs are
     */
    synchronized void record(NodeId node, String nonce, long expiresAtMillis, long nowMillis) {
        purge(nowMillis);
        var key = new Key(node, nonce);
        if (expiries.containsKey(key)) {
            throw replayed(node, nonce);
        }
        if (expiries.size() >= capacity) {
            throw new HandshakeRejectedException(
                    RejectionReason.REPLAY_CACHE_FULL,
                    "replay cache holds " + capacity + " unexpired nonces; refusing nonce " + nonce + " from " + node
                            + " (the earliest frees at " + byExpiry.peek().atMillis + " ms)");
        }
        expiries.put(key, expiresAtMillis);
        byExpiry.add(new Expiry(expiresAtMillis, key));
    }

    synchronized int size() {
        return expiries.size();
    }

    int capacity() {
        return capacity;
    }

    private void purge(long nowMillis) {
        while (!byExpiry.isEmpty() && byExpiry.peek().atMillis < nowMillis) {
            expiries.remove(byExpiry.poll().key);
        }
    }

    private static HandshakeRejectedException replayed(NodeId node, String nonce) {
        return new HandshakeRejectedException(
                RejectionReason.NONCE_REPLAYED, "nonce " + nonce + " from " + node + " was already accepted");
    }
}
