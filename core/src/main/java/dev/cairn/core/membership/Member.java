package dev.cairn.core.membership;

import dev.cairn.core.id.NodeId;
import java.net.InetAddress;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * A node this node has verified a handshake with: what it said about itself, the address it was seen at (IPv4 or
 * IPv6), the ASN of that address if known, and when it was last refreshed.
 */
public record Member(NodeInfo info, InetAddress address, Optional<Asn> asn, long lastSeenMillis) {
    public Member {
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(asn, "asn");
    }

    public NodeId nodeId() {
        return info.nodeId();
    }

    public Optional<URI> publicHost() {
        return info.publicHost();
    }
}
