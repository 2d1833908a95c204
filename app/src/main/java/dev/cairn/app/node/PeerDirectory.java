package dev.cairn.app.node;

import dev.cairn.core.dht.ContentMeta;
import dev.cairn.core.dht.LocalDht;
import dev.cairn.core.dht.MetaKey;
import dev.cairn.core.dht.ReplicaLease;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.id.NodeId;
import dev.cairn.core.membership.Member;
import dev.cairn.core.membership.Membership;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where peers are: a member's public URL, and which nodes may hold a content's blob (its lease holders, then the
 * nodes that announced it, typically the uploader). The overlay ports speak NodeIds; the HTTP adapters need URLs.
 */
final class PeerDirectory {
    /** Announcers remembered per content: enough to find an uploader, bounded against a flood of announcements. */
    private static final int MAX_ANNOUNCED_CONTENTS = 100_000;

    private static final int MAX_ANNOUNCERS = 8;

    private final NodeId self;
    private final Membership membership;
    private final LocalDht dht;
    private final Map<ContentId, Set<NodeId>> announcers = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ContentId, Set<NodeId>> eldest) {
            return size() > MAX_ANNOUNCED_CONTENTS;
        }
    };

    PeerDirectory(NodeId self, Membership membership, LocalDht dht) {
        this.self = Objects.requireNonNull(self, "self");
        this.membership = Objects.requireNonNull(membership, "membership");
        this.dht = Objects.requireNonNull(dht, "dht");
    }

    /** The public URL of a member, if it is one and has one. */
    Optional<URI> address(NodeId node) {
        for (Member member : membership.members()) {
            if (member.nodeId().equals(node)) {
                return member.info().publicHost();
            }
        }
        return Optional.empty();
    }

    /** {@code from} announced {@code content}: it has the blob, so a lease holder may fetch from it. */
    synchronized void announced(NodeId from, ContentId content) {
        Set<NodeId> nodes = announcers.computeIfAbsent(content, c -> new LinkedHashSet<>());
        if (nodes.size() < MAX_ANNOUNCERS) {
            nodes.add(from);
        }
    }

    /** URLs of the nodes that may hold {@code content}: its current lease holders first, then its announcers. */
    List<URI> holders(ContentId content) {
        var nodes = new LinkedHashSet<NodeId>();
        dht.get(new MetaKey(content)).ifPresent(record -> {
            for (ReplicaLease lease : ((ContentMeta) record.value()).leases()) {
                nodes.add(lease.holder());
            }
        });
        synchronized (this) {
            nodes.addAll(announcers.getOrDefault(content, Set.of()));
        }
        nodes.remove(self);
        var urls = new ArrayList<URI>();
        for (NodeId node : nodes) {
            address(node).ifPresent(urls::add);
        }
        return urls;
    }
}
