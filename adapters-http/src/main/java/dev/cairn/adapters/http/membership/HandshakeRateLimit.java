package dev.cairn.adapters.http.membership;

/**
 * The per-peer limit on incoming handshakes: a token bucket per remote address.
 *
 * @param perSecond {@code HANDSHAKE_RATE_PER_SEC}: tokens refilled per second
 * @param burst {@code HANDSHAKE_RATE_BURST}: bucket size, the handshakes an idle peer may send at once
 * @param maxAddresses {@code HANDSHAKE_RATE_MAX_ADDRESSES}: buckets kept; the least recently used is forgotten beyond
 */
public record HandshakeRateLimit(double perSecond, int burst, int maxAddresses) {
    public static final HandshakeRateLimit DEFAULTS = new HandshakeRateLimit(1.0, 10, 65_536);

    public HandshakeRateLimit {
        if (!(perSecond >= 0.001 && perSecond <= 10_000)) {
            throw new IllegalArgumentException("HANDSHAKE_RATE_PER_SEC must be in [0.001, 10000], got " + perSecond);
        }
        if (burst < 1 || burst > 10_000) {
            throw new IllegalArgumentException("HANDSHAKE_RATE_BURST must be in [1, 10000], got " + burst);
        }
        if (maxAddresses < 1 || maxAddresses > 1 << 24) {
            throw new IllegalArgumentException(
                    "HANDSHAKE_RATE_MAX_ADDRESSES must be in [1, 16777216], got " + maxAddresses);
        }
    }
}
