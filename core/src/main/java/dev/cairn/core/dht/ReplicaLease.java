package dev.cairn.core.dht;

import dev.cairn.core.id.NodeId;
import java.util.Objects;

/** The leader's grant to {@code holder} to keep a replica until {@code expiresAtMillis}. */
public record ReplicaLease(NodeId holder, long expiresAtMillis) {
    public ReplicaLease {
        Objects.requireNonNull(holder, "holder");
        if (expiresAtMillis < 0) {
            throw new IllegalArgumentException("lease expiry must be >= 0 ms since the epoch: " + expiresAtMillis);
        }
    }
}
