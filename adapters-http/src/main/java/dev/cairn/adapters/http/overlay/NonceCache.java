package dev.cairn.adapters.http.overlay;

import dev.cairn.adapters.http.overlay.OverlayRejection.Reason;
import dev.cairn.core.id.NodeId;
import dev.cairn.core.replay.ReplayWindow;

/**
 * The (sender, nonce) pairs of accepted envelopes in core's {@link ReplayWindow} (the design of the handshake replay
 * cache, docs/protocol.md "Replay cache"), with the overlay's rejection reasons.
 */
final class NonceCache {
    private final ReplayWindow window;

    NonceCache(int capacity) {
        this.window = new ReplayWindow(capacity);
    }

    /** @throws OverlayRejection {@link Reason#NONCE_REPLAYED} if the pair is remembered */
    void requireUnseen(NodeId node, String nonce, long nowMillis) {
        if (window.seen(node, nonce, nowMillis)) {
            throw replayed(node, nonce);
        }
    }

    /**
     * Remembers the pair until {@code expiresAtMillis}.
     *
     * @throws OverlayRejection {@link Reason#NONCE_REPLAYED} if already remembered (a concurrent duplicate),
     *     {@link Reason#REPLAY_CACHE_FULL} if {@code capacity} unexpired pairs are
     */
    void record(NodeId node, String nonce, long expiresAtMillis, long nowMillis) {
        switch (window.admit(node, nonce, expiresAtMillis, nowMillis)) {
            case ADMITTED -> {}
            case REPLAYED -> throw replayed(node, nonce);
            case FULL ->
                throw new OverlayRejection(
                        Reason.REPLAY_CACHE_FULL,
                        "the replay cache holds " + window.capacity() + " unexpired nonces; refusing nonce " + nonce
                                + " from " + node + " until "
                                + window.earliestExpiry().orElse(nowMillis) + " ms");
        }
    }

    int size() {
        return window.size();
    }

    private static OverlayRejection replayed(NodeId node, String nonce) {
        return new OverlayRejection(
                Reason.NONCE_REPLAYED, "nonce " + nonce + " from " + node + " was already accepted");
    }
}
