package dev.cairn.adapters.http.membership;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of outgoing handshakes.
 *
 * @param connectTimeout {@code PEER_CONNECT_TIMEOUT_SEC}: TCP and TLS connection set-up
 * @param requestTimeout {@code PEER_REQUEST_TIMEOUT_SEC}: from sending the request to the response headers
 * @param tlsVerify {@code PEER_TLS_VERIFY}: check the peer's certificate chain and host name; turning it off accepts
 *     any certificate (a self-signed test network), and is logged as a warning
 * @param maxResponseBytes {@code PEER_MAX_RESPONSE_BYTES}: a longer response is cut off and refused
 */
public record PeerTransportConfig(
        Duration connectTimeout, Duration requestTimeout, boolean tlsVerify, int maxResponseBytes) {
    public static final PeerTransportConfig DEFAULTS =
            new PeerTransportConfig(Duration.ofSeconds(5), Duration.ofSeconds(10), true, 1 << 20);

    public PeerTransportConfig {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        requirePositive("PEER_CONNECT_TIMEOUT_SEC", connectTimeout);
        requirePositive("PEER_REQUEST_TIMEOUT_SEC", requestTimeout);
        if (maxResponseBytes < 1024 || maxResponseBytes > (64 << 20)) {
            throw new IllegalArgumentException(
                    "PEER_MAX_RESPONSE_BYTES must be in [1024, 67108864], got " + maxResponseBytes);
        }
    }

    public PeerTransportConfig withTlsVerify(boolean verify) {
        return new PeerTransportConfig(connectTimeout, requestTimeout, verify, maxResponseBytes);
    }

    public PeerTransportConfig withMaxResponseBytes(int bytes) {
        return new PeerTransportConfig(connectTimeout, requestTimeout, tlsVerify, bytes);
    }

    private static void requirePositive(String name, Duration d) {
        if (d.isNegative() || d.isZero() || d.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException(name + " must be in (0 s, 600 s], got " + d);
        }
    }
}
