package dev.cairn.core.replication;

import dev.cairn.core.dht.ContentMeta;
import dev.cairn.core.dht.DhtRecord;
import dev.cairn.core.dht.InMemoryRecordStore;
import dev.cairn.core.dht.LocalDht;
import dev.cairn.core.dht.MetaKey;
import dev.cairn.core.dht.RecordValueCodec;
import dev.cairn.core.hash.Blake3;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.id.NodeId;
import dev.cairn.core.id.NodeIdentity;
import dev.cairn.core.ipfs.Cid;
import dev.cairn.core.port.ManualClock;
import dev.cairn.core.simulation.NodeMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Replicators of several nodes on one {@link ManualClock}, wired by a synchronous loopback transport that can kill
 * nodes and split the network in two. Each node has a {@link RecordingIpfs} and the CIDs of its own contents; the IPFS
 * pins it starts in the background run after each tick unless {@link #holdBackground} is set.
 */
final class LoopbackNetwork {
    final ManualClock clock = new ManualClock(1_764_090_000_000L);
    final ReplicationConfig config = ReplicationConfig.defaults();
    final Map<NodeId, Node> nodes = new TreeMap<>();
    final Set<NodeId> down = new HashSet<>();
    final Map<NodeId, Integer> side = new HashMap<>();
    final List<ContentId> contents = new ArrayList<>();
    /** Contents only one node names in its rounds (its uploads), beside {@link #contents} that all name. */
    final Map<NodeId, List<ContentId>> ownContents = new HashMap<>();
    /** Every message delivered, in order. */
    final List<Sent> sent = new ArrayList<>();
    /** Background work (IPFS pins) started and not yet run. */
    final Queue<Runnable> background = new ArrayDeque<>();

    boolean holdBackground;

    /** Messages to lose on the way (checked before delivery; a lost message is not in {@link #sent}). */
    Predicate<Sent> lose = m -> false;

    /** A delivered message. */
    record Sent(NodeId from, NodeId to, ReplicationMessage message) {}

    /** One node's parts. */
    record Node(
            NodeIdentity identity,
            Candidate candidate,
            LocalDht dht,
            Replicator replicator,
            FakeFetcher fetcher,
            NodeMetrics metrics,
            RecordingIpfs ipfs,
            Map<ContentId, Cid> cids,
            IpfsPinner pinner) {
        NodeId id() {
            return identity.nodeId();
        }
    }

    /** Adds {@code count} nodes, node i in its own network (first octet 10 + i, ASN 64500 + i). */
    LoopbackNetwork(int count) {
        for (int i = 0; i < count; i++) {
            var identity = NodeIdentity.fromSeed(Blake3.hash(("replica-" + i).getBytes(StandardCharsets.UTF_8)));
            var dht = new LocalDht(identity, clock, new InMemoryRecordStore(), RecordValueCodec.standard());
            var fetcher = new FakeFetcher();
            var metrics = new NodeMetrics();
            var ipfs = new RecordingIpfs();
            var cids = new HashMap<ContentId, Cid>();
            var pinner = new IpfsPinner(ipfs, background::add);
            NodeId id = identity.nodeId();
            var replicator = new Replicator(
                    identity,
                    clock,
                    dht,
                    (to, message) -> deliver(id, to, message),
                    fetcher,
                    metrics,
                    config,
                    content -> Optional.ofNullable(cids.get(content)),
                    pinner);
            nodes.put(
                    id,
                    new Node(
                            identity,
                            Candidate.of(id, 10 + i, 64_500 + i),
                            dht,
                            replicator,
                            fetcher,
                            metrics,
                            ipfs,
                            cids,
                            pinner));
        }
    }

    /** Everyone in the view: membership keeps dead nodes for its TTL (600 s), longer than these failovers take. */
    PlacementView view() {
        return new PlacementView(nodes.values().stream().map(Node::candidate).toList(), nodes.size(), config);
    }

    void tick() {
        PlacementView view = view();
        for (Node node : nodes.values()) {
            if (!down.contains(node.id())) {
                var named = new ArrayList<>(contents);
                named.addAll(ownContents.getOrDefault(node.id(), List.of()));
                node.replicator().tick(view, named);
            }
        }
        while (!holdBackground && !background.isEmpty()) {
            background.poll().run();
        }
    }

    /** Ticks every {@code step} for {@code total}. */
    void run(Duration total, Duration step) {
        for (long t = 0; t < total.toMillis(); t += step.toMillis()) {
            clock.advance(step);
            tick();
        }
    }

    Node node(NodeId id) {
        return nodes.get(id);
    }

    Optional<DhtRecord> record(NodeId at, ContentId content) {
        return node(at).dht().get(new MetaKey(content));
    }

    ContentMeta meta(NodeId at, ContentId content) {
        return record(at, content).map(r -> (ContentMeta) r.value()).orElse(ContentMeta.empty());
    }

    /** Live nodes that have the content pinned. */
    List<NodeId> pinning(ContentId content) {
        return nodes.values().stream()
                .filter(n -> !down.contains(n.id()) && n.fetcher().pinned.contains(content))
                .map(Node::id)
                .toList();
    }

    private void deliver(NodeId from, NodeId to, ReplicationMessage message) {
        boolean cut = side.containsKey(from) && !side.get(from).equals(side.get(to));
        var m = new Sent(from, to, message);
        if (!down.contains(from) && !down.contains(to) && !cut && !lose.test(m)) {
            sent.add(m);
            node(to).replicator().receive(from, message);
        }
    }

    /** Pins in memory; the blob is available unless {@link #stalled} (a fetch still running). */
    static final class FakeFetcher implements ReplicaFetcher {
        final Set<ContentId> pinned = new HashSet<>();
        boolean stalled;

        @Override
        public boolean fetchAndPin(ContentId content) {
            return !stalled && (pinned.add(content) || true);
        }

        @Override
        public void unpin(ContentId content) {
            pinned.remove(content);
        }
    }
}
