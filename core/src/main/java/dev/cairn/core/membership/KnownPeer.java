package dev.cairn.core.membership;

import dev.cairn.core.id.NodeId;
import java.net.URI;
import java.util.Objects;

/** A peer this node has met: where it said it can be called, and when this node last heard from it. */
public record KnownPeer(NodeId nodeId, URI publicHost, long lastSeenMillis) {
    public KnownPeer {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(publicHost, "publicHost");
        if (lastSeenMillis < 0) {
            throw new IllegalArgumentException("last seen must be >= 0 ms, got " + lastSeenMillis);
        }
    }
}
