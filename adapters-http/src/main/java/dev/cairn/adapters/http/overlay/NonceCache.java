package dev.cairn.adapters.http.overlay;

import dev.cairn.adapters.http.overlay.OverlayRejection.Reason;
import dev.cairn.core.id.NodeId;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The (sender, nonce) pairs of accepted envelopes, each remembered until a replay would fail the time check anyway
 * ({@code ts + skew}), in bounded memory.
 *
 * <p>The same design as membership's handshake replay cache (docs/protocol.md, "Replay cache"), which core keeps
 * package-private: when full of unexpired pairs a new envelope is refused, never an old pair evicted, because evicting
 * would let a flood of validly signed envelopes make an earlier one replayable.
 */
final class NonceCache {
    private record Key(NodeId node, String nonce) {}

    private record Expiry(long atMillis, Key key) {}

    private final int capacity;
    private final Map<Key, Long> expiries = new HashMap<>();
    private final PriorityQueue<Expiry> byExpiry = new PriorityQueue<>((a, b) -> Long.compare(a.atMillis, b.atMillis));

    NonceCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("nonce cache capacity must be >= 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** @throws OverlayRejection {@link Reason#NONCE_REPLAYED} if the pair is remembered */
    synchronized void requireUnseen(NodeId node, String nonce, long nowMillis) {
        purge(nowMillis);
        if (expiries.containsKey(new Key(node, nonce))) {
            throw replayed(node, nonce);
        }
    }

    /**
     * Remembers the pair until {@code expiresAtMillis}.
     *
     * @throws OverlayRejection {@link Reason#NONCE_REPLAYED} if already remembered (a concurrent duplicate),
     *     {@link Reason#REPLAY_CACHE_FULL} if {@code capacity} unexpired pairs are
     */
    synchronized void record(NodeId node, String nonce, long expiresAtMillis, long nowMillis) {
        purge(nowMillis);
        var key = new Key(node, nonce);
        if (expiries.containsKey(key)) {
            throw replayed(node, nonce);
        }
        if (expiries.size() >= capacity) {
            throw new OverlayRejection(
                    Reason.REPLAY_CACHE_FULL,
                    "the replay cache holds " + capacity + " unexpired nonces; refusing nonce " + nonce + " from "
                            + node + " until " + byExpiry.peek().atMillis + " ms");
        }
        expiries.put(key, expiresAtMillis);
        byExpiry.add(new Expiry(expiresAtMillis, key));
    }

    synchronized int size() {
        return expiries.size();
    }

    private void purge(long nowMillis) {
        while (!byExpiry.isEmpty() && byExpiry.peek().atMillis < nowMillis) {
            expiries.remove(byExpiry.poll().key);
        }
    }

    private static OverlayRejection replayed(NodeId node, String nonce) {
        return new OverlayRejection(
                Reason.NONCE_REPLAYED, "nonce " + nonce + " from " + node + " was already accepted");
    }
}
