package dev.cairn.core.membership;

import dev.cairn.core.id.NodeId;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A {@link PeerBook} on the heap: forgotten on restart, for embedding and tests. */
public final class InMemoryPeerBook implements PeerBook {
    private final Map<NodeId, KnownPeer> peers = new HashMap<>();

    @Override
    public synchronized void remember(Collection<KnownPeer> seen) {
        for (KnownPeer peer : seen) {
            peers.merge(peer.nodeId(), peer, (old, now) -> now.lastSeenMillis() >= old.lastSeenMillis() ? now : old);
        }
    }

    @Override
    public synchronized List<KnownPeer> mostRecent(int limit) {
        return peers.values().stream()
                .sorted(Comparator.comparingLong(KnownPeer::lastSeenMillis)
                        .reversed()
                        .thenComparing(KnownPeer::nodeId))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized int forgetSeenBefore(long beforeMillis) {
        int before = peers.size();
        peers.values().removeIf(p -> p.lastSeenMillis() < beforeMillis);
        return before - peers.size();
    }
}
