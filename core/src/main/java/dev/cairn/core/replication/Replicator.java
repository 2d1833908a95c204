package dev.cairn.core.replication;

import dev.cairn.core.dht.ContentMeta;
import dev.cairn.core.dht.DhtRecord;
import dev.cairn.core.dht.InvalidRecordException;
import dev.cairn.core.dht.LocalDht;
import dev.cairn.core.dht.MetaKey;
import dev.cairn.core.dht.ReplicaLease;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.id.NodeId;
import dev.cairn.core.id.NodeIdentity;
import dev.cairn.core.ipfs.Cid;
import dev.cairn.core.port.Clock;
import dev.cairn.core.port.OverlayMetrics;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Replication for one node: leases, heartbeats and failover, and the content's IPFS CID from its uploader into its
 * record and its holders' daemons; driven by {@link #tick} (the node's scheduler or the simulator calls it, every few
 * seconds) and {@link #receive}. No threads (IPFS pins go to the {@link IpfsPinner}'s executor), no clock reads but
 * the injected {@link Clock}, so a simulator can run thousands of these deterministically. Protocol in
 * docs/protocol.md, "Replication".
 *
 * <p>Not thread-safe: call {@code tick} and {@code receive} from one thread (or one simulated event loop).
 */
public final class Replicator {
    private final NodeId self;
    private final Clock clock;
    private final LocalDht dht;
    private final ReplicationTransport transport;
    private final ReplicaFetcher fetcher;
    private final OverlayMetrics metrics;
    private final ReplicationConfig config;
    private final IpfsCids ownCids;
    private final IpfsPinner ipfsPins;
    private final Map<ContentId, ContentState> states = new HashMap<>();
    /** When each peer last sent this node any replication message: silence marks it suspected (see tick). */
    private final Map<NodeId, Long> heardFrom = new HashMap<>();

    private PlacementView view;

    /** A replicator without IPFS: its records get CIDs only from other nodes, and it pins nothing in IPFS. */
    public Replicator(
            NodeIdentity self,
            Clock clock,
            LocalDht dht,
            ReplicationTransport transport,
            ReplicaFetcher fetcher,
            OverlayMetrics metrics,
            ReplicationConfig config) {
        this(self, clock, dht, transport, fetcher, metrics, config, IpfsCids.NONE, IpfsPinner.off());
    }

    /**
     * @param ownCids the CIDs of this node's own contents, read when announcing them (and when leading them) while
     *     their record has none; called on the replication thread, so it should be quick
     * @param ipfsPins pins the record's CID in this node's daemon once it holds a replica
     */
    public Replicator(
            NodeIdentity self,
            Clock clock,
            LocalDht dht,
            ReplicationTransport transport,
            ReplicaFetcher fetcher,
            OverlayMetrics metrics,
            ReplicationConfig config,
            IpfsCids ownCids,
            IpfsPinner ipfsPins) {
        this.self = Objects.requireNonNull(self, "self").nodeId();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.dht = Objects.requireNonNull(dht, "dht");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.config = Objects.requireNonNull(config, "config");
        this.ownCids = Objects.requireNonNull(ownCids, "ownCids");
        this.ipfsPins = Objects.requireNonNull(ipfsPins, "ipfsPins");
    }

    /**
     * One replication round over {@code contents} (those this node knows of: its uploads, say) and every content it
     * has heard about: leads where it is the acting leader, holds where it has a lease, and reports the gauges.
     */
    public ReplicationRound tick(PlacementView currentView, Collection<ContentId> contents) {
        this.view = Objects.requireNonNull(currentView, "currentView");
        long now = clock.millis();
        var named = new HashSet<>(contents);
        var all = new TreeSet<>(states.keySet());
        all.addAll(named);
        var round = new RoundTally();
        Set<NodeId> suspected = suspected(now);
        for (ContentId content : all) {
            ContentState state = state(content, now);
            List<NodeId> responsible = view.responsible(content);
            boolean isResponsible = responsible.contains(self);
            boolean leads = isResponsible && actsAsLeader(state, responsible, now);
            if (leads) {
                new LeaderRound(content, state, responsible, named.contains(content), now).run(round, suspected);
            } else if (named.contains(content)) {
                announce(content, state, responsible, now);
            }
            hold(content, state, responsible, now);
            if (!isResponsible && !state.pinned && state.ownLeaseExpiry <= now && !named.contains(content)) {
                states.remove(content);
            }
        }
        metrics.replicationGauges(round.under, round.over);
        return round.toRecord();
    }

    /**
     * The peers heard from within the lease TTL but not within {@link ReplicationConfig#suspectAfterMillis}: most likely
     * down. Leaders rank them last for new leases, so that after many nodes fail at once a replacement is rarely one of
     * them (which would cost an acceptance window). Peers silent for a lease TTL are forgotten, no longer suspected.
     */
    private Set<NodeId> suspected(long now) {
        heardFrom.values().removeIf(at -> now - at >= config.leaseTtl().toMillis());
        var out = new HashSet<NodeId>();
        heardFrom.forEach((peer, at) -> {
            if (now - at >= config.suspectAfterMillis()) {
                out.add(peer);
            }
        });
        return out;
    }

    /** Handles a message from {@code from}, as authenticated by the transport. */
    public void receive(NodeId from, ReplicationMessage message) {
        long now = clock.millis();
        if (!from.equals(self)) {
            heardFrom.put(from, now);
        }
        ContentId content = message.content();
        ContentState state = state(content, now);
        switch (message) {
            case ReplicationMessage.HolderHeartbeat hb -> state.holderHeard.put(from, now);
            case ReplicationMessage.LeaseAccepted la -> state.acceptedHeard.put(from, now);
            case ReplicationMessage.LeaderHeartbeat lh -> {
                if (!accept(lh.meta())) {
                    return;
                }
                if (from.compareTo(self) < 0
                        && (view == null || view.responsible(content).contains(from))) {
                    state.lowerLeaderHeard = now;
                }
                // This node knows something the leader does not (the other side of a partition): tell it, once.
                dht.get(lh.meta().key())
                        .filter(mine -> !mine.equals(lh.meta()))
                        .ifPresent(mine -> deliver(from, new ReplicationMessage.MetaRecord(mine)));
                // A grant: tell the leader at once that this node is alive, long before it can pin and heartbeat.
                if (!state.pinned
                        && meta(content)
                                .leaseOf(self)
                                .filter(l -> l.expiresAtMillis() > now)
                                .isPresent()) {
                    deliver(from, new ReplicationMessage.LeaseAccepted(content));
                }
            }
            case ReplicationMessage.MetaRecord mr -> accept(mr.meta());
            // The state made above puts the content in this node's rounds; its record, if any, answers the uploader.
            case ReplicationMessage.Announce a -> {
                if (state.announcedCid.isEmpty()) {
                    state.announcedCid = a.ipfsCid(); // written by the leader's next round if the record has none
                }
                dht.get(new MetaKey(content)).ifPresent(mine -> deliver(from, new ReplicationMessage.MetaRecord(mine)));
            }
            case ReplicationMessage.Release r -> {
                // Only the leader of the record this node holds may release it, and only once it is no longer leased.
                ContentMeta meta = meta(content);
                if (state.pinned
                        && meta.leader().equals(Optional.of(from))
                        && meta.leaseOf(self).isEmpty()) {
                    unpin(content, state);
                    state.ownLeaseExpiry = 0;
                }
            }
        }
    }

    /** The lowest responsible node leads; the next ones take over after a full failure window of its silence. */
    private boolean actsAsLeader(ContentState state, List<NodeId> responsible, long now) {
        return responsible.getFirst().equals(self) || now - state.lowerLeaderHeard >= config.failureAfterMillis();
    }

    /**
     * Uploader side: until this node has seen a record with a leader and the target number of leases, it announces
     * the content to the responsible nodes once per heartbeat interval. Nothing else tells a leader that a content it
     * has never heard of exists; the leader answers with its record, which stops the announcements. An announcement
     * carries the CID once this node knows it, and announcing goes on at the same pace while the record lacks a CID
     * this node knows (an IPFS add that succeeded only after the content was placed).
     */
    private void announce(ContentId content, ContentState state, List<NodeId> responsible, long now) {
        ContentMeta meta = meta(content);
        boolean placed = meta.leader().isPresent() && meta.leases().size() >= config.replicationTarget();
        if (placed && meta.ipfsCid().isPresent()) {
            return;
        }
        if (state.lastAnnounce >= 0 && now - state.lastAnnounce < intervalMillis()) {
            return;
        }
        Optional<Cid> cid = ownCid(content, state);
        if (placed && cid.isEmpty()) {
            return;
        }
        for (NodeId peer : responsible) {
            if (!peer.equals(self)) {
                deliver(peer, new ReplicationMessage.Announce(content, cid));
            }
        }
        state.lastAnnounce = now;
    }

    /** The CID of one of this node's own contents, asked of {@link #ownCids} until known, then remembered. */
    private Optional<Cid> ownCid(ContentId content, ContentState state) {
        if (state.ownCid == null) {
            // A CID longer than a record may hold cannot be announced; the content goes without one.
            state.ownCid = ownCids.of(content).filter(ContentMeta::fitsIpfsCid).orElse(null);
        }
        return Optional.ofNullable(state.ownCid);
    }

    /**
     * Holder side: fetch and pin while leased, heartbeat while pinned, pin the record's CID in IPFS once pinned here,
     * unpin once the lease has run out.
     */
    private void hold(ContentId content, ContentState state, List<NodeId> responsible, long now) {
        ContentMeta meta = meta(content);
        meta.leaseOf(self).ifPresent(l -> state.ownLeaseExpiry = Math.max(state.ownLeaseExpiry, l.expiresAtMillis()));
        if (state.ownLeaseExpiry > now) {
            if (!state.pinned) {
                state.pinned = fetcher.fetchAndPin(content);
            }
            if (!state.pinned && (state.lastAccept < 0 || now - state.lastAccept >= intervalMillis())) {
                // Still fetching: a leader that takes over meanwhile must not take this node for dead.
                sendToResponsibleAndLeader(new ReplicationMessage.LeaseAccepted(content), responsible, meta);
                state.lastAccept = now;
            }
            if (state.pinned) {
                pinInIpfs(content, state, meta, now);
            }
            if (state.pinned && (state.lastHolderBeat < 0 || now - state.lastHolderBeat >= intervalMillis())) {
                sendToResponsibleAndLeader(new ReplicationMessage.HolderHeartbeat(content), responsible, meta);
                state.lastHolderBeat = now;
            }
        } else if (state.pinned) {
            unpin(content, state);
        }
    }

    /** A holder's message to every responsible node and to the leader its record names. */
    private void sendToResponsibleAndLeader(ReplicationMessage message, List<NodeId> responsible, ContentMeta meta) {
        var to = new TreeSet<>(responsible);
        meta.leader().ifPresent(to::add);
        for (NodeId peer : to) {
            deliver(peer, message);
        }
    }

    /**
     * Once per replica and CID, in the background: pins the record's CID in this node's daemon. A failed pin is
     * retried at most once per heartbeat interval; one still running is not started twice.
     */
    private void pinInIpfs(ContentId content, ContentState state, ContentMeta meta, long now) {
        if (!ipfsPins.enabled() || meta.ipfsCid().isEmpty()) {
            return;
        }
        Cid cid = meta.ipfsCid().get();
        if (ipfsPins.pinned(content, cid) || (state.lastIpfsPin >= 0 && now - state.lastIpfsPin < intervalMillis())) {
            return;
        }
        ipfsPins.start(content, cid);
        state.lastIpfsPin = now;
    }

    /** Drops this node's replica; its IPFS pin stays in the daemon (nothing unpins there), but is forgotten here. */
    private void unpin(ContentId content, ContentState state) {
        fetcher.unpin(content);
        state.pinned = false;
        ipfsPins.forget(content);
        state.lastIpfsPin = -1;
    }

    /** The acting leader's work on one content in one round. */
    private final class LeaderRound {
        private final ContentId content;
        private final ContentState state;
        private final List<NodeId> responsible;
        private final boolean own;
        private final long now;

        LeaderRound(ContentId content, ContentState state, List<NodeId> responsible, boolean own, long now) {
            this.content = content;
            this.state = state;
            this.responsible = responsible;
            this.own = own;
            this.now = now;
        }

        void run(RoundTally round, Set<NodeId> suspected) {
            round.led++;
            ContentMeta meta = meta(content);
            LeaseDecision decision = LeaseDecision.decide(content, meta, state, view, config, suspected, now, round);
            List<ReplicaLease> leases = decision.leases();
            Set<NodeId> trimmed = decision.trimmed();

            var decided = new ContentMeta(meta.revision() + 1, Optional.of(self), leases);
            // A record without a CID gets the one an uploader announced, or this node's own if it is the uploader.
            Optional<Cid> newCid = meta.ipfsCid().isPresent()
                    ? Optional.empty()
                    : state.announcedCid.or(() -> own ? ownCid(content, state) : Optional.empty());
            boolean changed = !decided.sameDecisions(meta) || newCid.isPresent();
            if (changed) {
                dht.publish(new MetaKey(content), ContentMeta.empty(), base -> {
                    var m = (ContentMeta) base;
                    var next = m.decide(m.revision() + 1, Optional.of(self), leases);
                    return newCid.map(next::withIpfsCid).orElse(next);
                });
                if (meta.leader().isPresent() && !meta.leader().get().equals(self)) {
                    metrics.leaderChanged();
                    round.takeovers++;
                }
            }
            for (NodeId h : trimmed) {
                state.holderHeard.remove(h);
                state.acceptedHeard.remove(h);
                state.trackedSince.remove(h);
                round.trimmed++;
            }
            boolean beatDue = state.lastLeaderBeat < 0 || now - state.lastLeaderBeat >= intervalMillis();
            // A trimmed replica must hold this record before the Release, or it would not trust the Release.
            var to = new TreeSet<NodeId>();
            if (changed || beatDue || !trimmed.isEmpty()) {
                to.addAll(responsible);
                to.addAll(decision.placed());
                to.addAll(trimmed);
                state.lastLeaderBeat = now;
            } else {
                // The grant or its acceptance may have been lost: repeat it to new holders until they answer.
                decision.placed().stream().filter(this::awaitsAcceptance).forEach(to::add);
            }
            to.remove(self);
            if (!to.isEmpty()) {
                DhtRecord record = dht.get(new MetaKey(content)).orElseThrow();
                for (NodeId peer : to) {
                    deliver(peer, new ReplicationMessage.LeaderHeartbeat(record));
                }
            }
            for (NodeId h : trimmed) {
                deliver(h, new ReplicationMessage.Release(content));
            }
        }

        /** A holder granted (or first seen) that has sent neither an acceptance nor a heartbeat within F. */
        private boolean awaitsAcceptance(NodeId holder) {
            return state.trackedSince.containsKey(holder) && !state.answered(holder, now, config.failureAfterMillis());
        }
    }

    /** Merges a peer's record; false if its signature does not hold (then it proves nothing about its sender). */
    private boolean accept(DhtRecord record) {
        if (dht.get(record.key()).filter(record::equals).isPresent()) {
            return true; // the common case, a heartbeat repeating the record: skip re-verifying the signature
        }
        try {
            if (dht.accept(record).conflict()) {
                metrics.mergeConflict();
            }
            return true;
        } catch (InvalidRecordException e) {
            return false;
        }
    }

    private ContentMeta meta(ContentId content) {
        return dht.get(new MetaKey(content)).map(r -> (ContentMeta) r.value()).orElse(ContentMeta.empty());
    }

    private ContentState state(ContentId content, long now) {
        return states.computeIfAbsent(content, c -> new ContentState(now));
    }

    private void deliver(NodeId to, ReplicationMessage message) {
        if (to.equals(self)) {
            receive(self, message);
        } else {
            transport.send(to, message);
        }
    }

    private long intervalMillis() {
        return config.heartbeatInterval().toMillis();
    }

    /** Whether this node currently holds a pinned replica of {@code content}. */
    public boolean pins(ContentId content) {
        ContentState state = states.get(content);
        return state != null && state.pinned;
    }
}
