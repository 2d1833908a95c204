package dev.cairn.app.config;

import dev.cairn.adapters.http.membership.HandshakeRateLimit;
import dev.cairn.adapters.http.membership.PeerTransportConfig;
import dev.cairn.adapters.http.server.HttpServerConfig;
import java.util.Objects;

/**
 * The HTTP adapter's settings, as the adapter's own validated records that its constructors take.
 *
 * @param server for {@code CairnHttpServer}: all interfaces, {@code HTTP_PORT} (the same value as
 *     {@link NetworkConfig#httpPort()}), {@code HTTP_MAX_REQUEST_BYTES}, {@code HTTP_STOP_TIMEOUT_SEC}
 * @param handshakeRateLimit for {@code HandshakeRateLimiter}: {@code HANDSHAKE_RATE_PER_SEC},
 *     {@code HANDSHAKE_RATE_BURST}, {@code HANDSHAKE_RATE_MAX_ADDRESSES}
 * @param peerTransport for {@code HttpPeerTransport}: {@code PEER_CONNECT_TIMEOUT_SEC},
 *     {@code PEER_REQUEST_TIMEOUT_SEC}, {@code PEER_TLS_VERIFY} (the same value as
 *     {@link NetworkConfig#peerTlsVerify()}), {@code PEER_MAX_RESPONSE_BYTES}
 */
public record HttpConfig(
        HttpServerConfig server, HandshakeRateLimit handshakeRateLimit, PeerTransportConfig peerTransport) {
    public HttpConfig {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(handshakeRateLimit, "handshakeRateLimit");
        Objects.requireNonNull(peerTransport, "peerTransport");
    }
}
