package dev.cairn.core.dht;

import dev.cairn.core.id.ContentId;
import java.util.Objects;

/** Where a content's replication state lives: replica leases, leader, conflict log, revision. */
public record MetaKey(ContentId contentId) implements DhtKey {
    static final String KIND = "meta";

    public MetaKey {
        Objects.requireNonNull(contentId, "contentId");
    }

    static MetaKey ofHex(String hex) {
        return new MetaKey(ContentId.fromHex(hex));
    }

    @Override
    public String wire() {
        return SCHEMA_VERSION + "/" + KIND + "/" + contentId.hex();
    }
}
