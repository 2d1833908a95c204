package dev.cairn.core.replication;

import dev.cairn.core.id.NodeId;
import dev.cairn.core.ipfs.Cid;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** What one node remembers about one content between rounds; never shared, never persisted (it rebuilds in 180 s). */
final class ContentState {
    /** When a lower responsible node last showed it leads; starts at first sight so a newcomer waits before taking over. */
    long lowerLeaderHeard;

    /** Last heartbeat from each holder (this node receives them whenever it is responsible, leader or not). */
    final Map<NodeId, Long> holderHeard = new HashMap<>();

    /** Last lease acceptance from each node leased the content and still fetching it. */
    final Map<NodeId, Long> acceptedHeard = new HashMap<>();

    /** When this node, as leader, started expecting heartbeats from a holder: its grant, or its first sight. */
    final Map<NodeId, Long> trackedSince = new HashMap<>();

    /** Leader side: holders revoked for silence, and when; not leased again until heard from (or a lease TTL). */
    final Map<NodeId, Long> failed = new HashMap<>();

    /** The nodes not to lease to now: failed within {@code forMillis} and silent since. */
    java.util.Set<NodeId> excluded(long now, long forMillis) {
        failed.entrySet()
                .removeIf(e -> now - e.getValue() >= forMillis
                        || holderHeard.getOrDefault(e.getKey(), Long.MIN_VALUE) > e.getValue()
                        || acceptedHeard.getOrDefault(e.getKey(), Long.MIN_VALUE) > e.getValue());
        return java.util.Set.copyOf(failed.keySet());
    }

    /** Holder side: whether the blob is pinned here, and the latest lease expiry this node was granted. */
    boolean pinned;

    long ownLeaseExpiry;
    long lastHolderBeat = -1;
    long lastAccept = -1;
    long lastLeaderBeat = -1;

    /** Uploader side: when this node last announced the content to the responsible nodes. */
    long lastAnnounce = -1;

    /** Uploader side: the CID this node's daemon computed for its own content, once known (it never changes). */
    Cid ownCid;

    /** Responsible side: the first CID an announcement brought, for the leader to write into a record without one. */
    Optional<Cid> announcedCid = Optional.empty();

    /** Holder side: when this node last started pinning the record's CID in its IPFS daemon. */
    long lastIpfsPin = -1;

    ContentState(long now) {
        this.lowerLeaderHeard = now;
    }

    /**
     * When {@code holder} last showed it is alive, as far as the leader can tell: its last heartbeat, or when the
     * leader started tracking it if that is later (a fresh grant gets time to fetch).
     */
    long lastSign(NodeId holder, long now) {
        Long heard = holderHeard.get(holder);
        long since = trackedSince.computeIfAbsent(holder, h -> heard != null ? heard : now);
        return heard == null ? since : Math.max(heard, since);
    }

    /**
     * Whether {@code holder} has not answered a lease it was granted (or first seen holding) at least
     * {@code acceptMillis} ago: no acceptance and no heartbeat within {@code windowMillis}. Call after
     * {@link #lastSign}, which starts the tracking.
     */
    boolean unanswered(NodeId holder, long now, long acceptMillis, long windowMillis) {
        Long since = trackedSince.get(holder);
        return since != null && now - since >= acceptMillis && !answered(holder, now, windowMillis);
    }

    /** Whether {@code holder} sent a heartbeat or a lease acceptance within {@code windowMillis}: alive, as a holder. */
    boolean answered(NodeId holder, long now, long windowMillis) {
        Long accepted = acceptedHeard.get(holder);
        return heardWithin(holder, now, windowMillis) || (accepted != null && now - accepted < windowMillis);
    }

    /** Whether a heartbeat from {@code holder} arrived within {@code windowMillis}: a confirmed, live replica. */
    boolean heardWithin(NodeId holder, long now, long windowMillis) {
        Long heard = holderHeard.get(holder);
        return heard != null && now - heard < windowMillis;
    }
}
