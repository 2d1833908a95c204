package dev.cairn.app.config;

import dev.cairn.core.membership.Privacy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How the node meets other nodes.
 *
 * @param httpPort {@code HTTP_PORT}: the port the HTTP server listens on
 * @param privacy {@code NODE_PRIVACY}: whether peers may call this node at {@code publicHost}
 * @param publicHost {@code PUBLIC_HOST}: the URL peers reach this node at; required when public
 * @param handshakeInterval {@code HANDSHAKE_INTERVAL_SEC}: how often this node handshakes with known peers
 * @param bootstrapPeers {@code BOOTSTRAP_PEERS}: the first peers to handshake with
 * @param peerTlsVerify {@code PEER_TLS_VERIFY}: whether outbound calls to peers check TLS certificates
 * @param asnTable {@code ASN_TABLE_FILE}: an IP-prefix to ASN table ({@code AsnTable} format), if any
 */
public record NetworkConfig(
        int httpPort,
        Privacy privacy,
        Optional<URI> publicHost,
        Duration handshakeInterval,
        List<URI> bootstrapPeers,
        boolean peerTlsVerify,
        Optional<Path> asnTable) {
    public NetworkConfig {
        Objects.requireNonNull(privacy, "privacy");
        Objects.requireNonNull(publicHost, "publicHost");
        Objects.requireNonNull(handshakeInterval, "handshakeInterval");
        bootstrapPeers = List.copyOf(bootstrapPeers);
        Objects.requireNonNull(asnTable, "asnTable");
    }
}
