package dev.cairn.core.dht;

import dev.cairn.core.id.NodeId;
import java.util.Objects;

/** Where a node's view of the membership lives: members and receipts, population sketch, N reports. */
public record MembershipKey(NodeId nodeId) implements DhtKey {
    static final String KIND = "membership";

    public MembershipKey {
        Objects.requireNonNull(nodeId, "nodeId");
    }

    static MembershipKey ofHex(String hex) {
        return new MembershipKey(NodeId.fromHex(hex));
    }

    @Override
    public String wire() {
        return SCHEMA_VERSION + "/" + KIND + "/" + nodeId.hex();
    }
}
