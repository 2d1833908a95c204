package dev.cairn.core.membership;

import java.util.Collection;
import java.util.List;

/**
 * Port: the peers a node has met, kept across restarts, so that a restarted node can call them again even when the
 * peers it was bootstrapped from are gone. Membership stays soft state (a peer here is only someone to dial, never a
 * member until a fresh handshake verifies it). {@link InMemoryPeerBook} for embedding; PostgreSQL in the node.
 */
public interface PeerBook {
    /** Records {@code peers}; a peer's entry keeps the latest of its last-seen times. */
    void remember(Collection<KnownPeer> peers);

    /** At most {@code limit} peers, most recently seen first. */
    List<KnownPeer> mostRecent(int limit);

    /** Forgets peers not seen since {@code beforeMillis}; returns how many. */
    int forgetSeenBefore(long beforeMillis);
}
