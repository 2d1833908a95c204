package dev.cairn.app.node;

import dev.cairn.adapters.http.overlay.OverlayInbox;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.id.NodeId;
import dev.cairn.core.membership.KnownPeer;
import dev.cairn.core.membership.Member;
import dev.cairn.core.membership.Membership;
import dev.cairn.core.membership.PeerBook;
import dev.cairn.core.metrics.MetricGossip;
import dev.cairn.core.metrics.MetricMessage;
import dev.cairn.core.port.Clock;
import dev.cairn.core.replication.PlacementView;
import dev.cairn.core.replication.ReplicationConfig;
import dev.cairn.core.replication.ReplicationMessage;
import dev.cairn.core.replication.Replicator;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's overlay schedule: handshake rounds every {@code HANDSHAKE_INTERVAL_SEC}, and a replication and metric
 * gossip round every {@code DHT_HEARTBEAT_INTERVAL}. The {@link Replicator} is single-threaded, so its rounds and every
 * replication message run on one thread ("cairn-overlay"); handshakes are blocking HTTP calls and run on virtual
 * threads, at most {@link #MAX_CONCURRENT_HANDSHAKES} at once.
 */
final class OverlayLoop implements OverlayInbox, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OverlayLoop.class);
    static final int MAX_CONCURRENT_HANDSHAKES = 16;
    /** Messages waiting for the overlay thread beyond which new ones are refused (the sender retries next beat). */
    static final int MAX_PENDING_MESSAGES = 10_000;
    /** Below this many members a node also dials the peers it remembers from before. */
    static final int FEW_MEMBERS = 3;

    static final int REMEMBERED_PEERS_TO_DIAL = 16;
    /** Peers not met for this long are forgotten: they have most likely left for good. */
    static final Duration FORGET_PEERS_AFTER = Duration.ofDays(7);

    private final Membership membership;
    private final Replicator replicator;
    private final MetricGossip gossip;
    private final PeerDirectory directory;
    private final ReplicationConfig replication;
    private final Duration handshakeInterval;
    private final Duration membershipTtl;
    private final List<URI> bootstrapPeers;
    private final Optional<URI> selfUrl;
    private final Collection<ContentId> localContents;
    private final PeerBook peerBook;
    private final Clock clock;
    /** The placement view of the rounds, and when it was taken; only the overlay thread touches them. */
    private PlacementView view;

    private long viewMillis;

    private final NodeId self;
    private final ScheduledThreadPoolExecutor thread;
    private final ExecutorService dialers = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore dialing = new Semaphore(MAX_CONCURRENT_HANDSHAKES);

    OverlayLoop(
            NodeId self,
            Membership membership,
            Replicator replicator,
            MetricGossip gossip,
            PeerDirectory directory,
            ReplicationConfig replication,
            Duration handshakeInterval,
            Duration membershipTtl,
            List<URI> bootstrapPeers,
            Optional<URI> selfUrl,
            Collection<ContentId> localContents,
            PeerBook peerBook,
            Clock clock) {
        this.self = Objects.requireNonNull(self, "self");
        this.membership = Objects.requireNonNull(membership, "membership");
        this.replicator = Objects.requireNonNull(replicator, "replicator");
        this.gossip = Objects.requireNonNull(gossip, "gossip");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.replication = Objects.requireNonNull(replication, "replication");
        this.handshakeInterval = Objects.requireNonNull(handshakeInterval, "handshakeInterval");
        this.membershipTtl = Objects.requireNonNull(membershipTtl, "membershipTtl");
        this.bootstrapPeers = List.copyOf(bootstrapPeers);
        this.selfUrl = Objects.requireNonNull(selfUrl, "selfUrl");
        this.localContents = Objects.requireNonNull(localContents, "localContents");
        this.peerBook = Objects.requireNonNull(peerBook, "peerBook");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.thread = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "cairn-overlay");
            t.setDaemon(true);
            return t;
        });
        thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    void start() {
        long handshakeMillis = handshakeInterval.toMillis();
        long roundMillis = replication.roundIntervalMillis();
        thread.scheduleWithFixedDelay(
                guarded("handshake round", this::handshakeRound), 0, handshakeMillis, TimeUnit.MILLISECONDS);
        // Several rounds per heartbeat interval: heartbeats stay once per interval, failures are acted on promptly.
        thread.scheduleWithFixedDelay(
                guarded("replication round", this::replicationRound), roundMillis, roundMillis, TimeUnit.MILLISECONDS);
    }

    /** Runs {@code work} on the overlay thread and waits for its result: for reading replicator state safely. */
    <T> T call(Callable<T> work) throws InterruptedException {
        try {
            return thread.submit(work).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("overlay task failed", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("overlay thread busy for 30 s", e);
        }
    }

    @Override
    public void replication(NodeId from, ReplicationMessage message) {
        if (thread.getQueue().size() > MAX_PENDING_MESSAGES) {
            throw new IllegalArgumentException("overlay busy: " + MAX_PENDING_MESSAGES + " messages waiting");
        }
        if (message instanceof ReplicationMessage.Announce announce) {
            directory.announced(from, announce.content());
        }
        thread.execute(guarded("replication message", () -> replicator.receive(from, message)));
    }

    @Override
    public void metric(NodeId from, MetricMessage message) {
        gossip.receive(from, message);
    }

    /**
     * One replication round. Once per heartbeat interval it also takes a fresh placement view and runs a metric gossip
     * round (unacknowledged windows are resent once per interval, not once per round); the rounds in between reuse the
     * view: it changes slowly, and failures are found by heartbeats, not by the view.
     */
    private void replicationRound() {
        long now = clock.millis();
        boolean due = view == null
                || now - viewMillis >= replication.heartbeatInterval().toMillis()
                || now < viewMillis;
        if (due) {
            view = Placements.of(self, membership, replication);
            viewMillis = now;
        }
        replicator.tick(view, List.copyOf(localContents));
        if (due) {
            gossip.tick(view);
        }
    }

    /**
     * Dials the bootstrap peers until they are members, every discovered node, and the members seen longest ago: as
     * many per round as it takes to meet every member about three times per membership TTL, so none expires. While it
     * has few members (after a restart, say) it also dials the peers it remembers, so it rejoins even when its
     * bootstrap peers are gone; and it remembers the members it has now.
     */
    private void handshakeRound() {
        Set<URI> targets = new LinkedHashSet<>();
        List<Member> members = membership.members();
        Set<URI> memberUrls = new LinkedHashSet<>();
        members.forEach(m -> m.info().publicHost().ifPresent(memberUrls::add));
        for (URI peer : bootstrapPeers) {
            if (!memberUrls.contains(peer)) {
                targets.add(peer);
            }
        }
        if (members.size() < FEW_MEMBERS) {
            peerBook.mostRecent(REMEMBERED_PEERS_TO_DIAL).stream()
                    .map(KnownPeer::publicHost)
                    .filter(url -> !memberUrls.contains(url))
                    .forEach(targets::add);
        }
        rememberMembers(members);
        membership.discoveredNodes().forEach(n -> n.publicHost().ifPresent(targets::add));
        long perTtlThird = Math.max(1, membershipTtl.toMillis() / 3 / handshakeInterval.toMillis());
        long quota = 2 + (members.size() + perTtlThird - 1) / perTtlThird;
        members.stream()
                .sorted(Comparator.comparingLong(Member::lastSeenMillis))
                .limit(quota)
                .forEach(m -> m.info().publicHost().ifPresent(targets::add));
        selfUrl.ifPresent(targets::remove);
        for (URI peer : targets) {
            if (!dialing.tryAcquire()) {
                break; // the previous round's calls are still out: don't pile up
            }
            dialers.execute(() -> {
                try {
                    membership.handshakeWith(peer);
                } catch (Exception e) {
                    log.atDebug()
                            .addKeyValue("peer", peer)
                            .addKeyValue("reason", String.valueOf(e.getMessage()))
                            .log("handshake failed");
                } finally {
                    dialing.release();
                }
            });
        }
    }

    private void rememberMembers(List<Member> members) {
        var known = new ArrayList<KnownPeer>();
        for (Member m : members) {
            m.info().publicHost().ifPresent(url -> known.add(new KnownPeer(m.nodeId(), url, m.lastSeenMillis())));
        }
        peerBook.remember(known);
        peerBook.forgetSeenBefore(clock.millis() - FORGET_PEERS_AFTER.toMillis());
    }

    private static Runnable guarded(String what, Runnable work) {
        return () -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                // A scheduled task that throws is never run again: log and carry on with the next round.
                log.atError().setCause(e).addKeyValue("task", what).log("overlay task failed");
            }
        };
    }

    /** Stops scheduling, lets the task in progress finish, and abandons handshakes in flight. */
    @Override
    public void close() {
        thread.shutdown();
        dialers.shutdownNow();
        try {
            if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
