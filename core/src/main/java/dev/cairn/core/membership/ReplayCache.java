package dev.cairn.core.membership;

import dev.cairn.core.id.NodeId;
import dev.cairn.core.replay.ReplayWindow;

/**
 * The (NodeId, nonce) pairs of accepted handshakes, in a {@link ReplayWindow}, with membership's rejection reasons.
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
    private final ReplayWindow window;

    ReplayCache(int capacity) {
        this.window = new ReplayWindow(capacity);
    }

    /** @throws HandshakeRejectedException {@link RejectionReason#NONCE_REPLAYED} if the pair is remembered */
    void requireUnseen(NodeId node, String nonce, long nowMillis) {
        if (window.seen(node, nonce, nowMillis)) {
            throw replayed(node, nonce);
        }
    }

    /**
     * Remembers the pair until {@code expiresAtMillis}.
     *
     * @throws HandshakeRejectedException {@link RejectionReason#NONCE_REPLAYED} if it is already remembered,
     *     {@link RejectionReason#REPLAY_CACHE_FULL} if {@code capacity} unexpired pairs are
     */
    void record(NodeId node, String nonce, long expiresAtMillis, long nowMillis) {
        switch (window.admit(node, nonce, expiresAtMillis, nowMillis)) {
            case ADMITTED -> {}
            case REPLAYED -> throw replayed(node, nonce);
            case FULL ->
                throw new HandshakeRejectedException(
                        RejectionReason.REPLAY_CACHE_FULL,
                        "replay cache holds " + window.capacity() + " unexpired nonces; refusing nonce " + nonce
                                + " from " + node + " (the earliest frees at "
                                + window.earliestExpiry().orElse(nowMillis) + " ms)");
        }
    }

    int size() {
        return window.size();
    }

    int capacity() {
        return window.capacity();
    }

    private static HandshakeRejectedException replayed(NodeId node, String nonce) {
        return new HandshakeRejectedException(
                RejectionReason.NONCE_REPLAYED, "nonce " + nonce + " from " + node + " was already accepted");
    }
}
