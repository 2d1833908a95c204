package dev.cairn.core.simulation;

import dev.cairn.core.dht.InMemoryRecordStore;
import dev.cairn.core.dht.LocalDht;
import dev.cairn.core.dht.RecordValueCodec;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.id.NodeId;
import dev.cairn.core.id.NodeIdentity;
import dev.cairn.core.id.SignatureMemo;
import dev.cairn.core.id.SignatureVerifier;
import dev.cairn.core.membership.Asn;
import dev.cairn.core.membership.AsnResolver;
import dev.cairn.core.membership.HandshakeRequest;
import dev.cairn.core.membership.HandshakeResponse;
import dev.cairn.core.membership.HandshakeVerifier;
import dev.cairn.core.membership.Membership;
import dev.cairn.core.membership.MembershipConfig;
import dev.cairn.core.membership.NodeInfo;
import dev.cairn.core.membership.PeerTransport;
import dev.cairn.core.membership.Privacy;
import dev.cairn.core.membership.VerifiedReceipts;
import dev.cairn.core.metrics.MetricGossip;
import dev.cairn.core.metrics.MetricTransport;
import dev.cairn.core.metrics.MetricsConfig;
import dev.cairn.core.metrics.ViewMetrics;
import dev.cairn.core.port.RandomBytes;
import dev.cairn.core.replication.Candidate;
import dev.cairn.core.replication.PlacementView;
import dev.cairn.core.replication.ReplicaFetcher;
import dev.cairn.core.replication.ReplicationConfig;
import dev.cairn.core.replication.ReplicationTransport;
import dev.cairn.core.replication.Replicator;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Many overlay nodes in one JVM: each a real {@link Membership} behind the same ports the node uses, talking through a
 * {@link SimulatedNetwork} under one {@link Simulation} clock.
 *
 * <p>A handshake is a synchronous call in the membership port, so here it takes no simulated time: the request and
 * the response are each subject to loss, partitions and crashes, and either failing makes the call fail as a timeout
 * would. Latency matters for the asynchronous messages (heartbeats) that ride on the network directly.
 */
public final class SimulatedOverlay {
    /**
     * One simulated node: its membership, DHT, replicator, view metrics and their gossip, the replicas it pins and the
     * contents it uploaded.
     */
    public record Node(
            String host,
            NodeIdentity identity,
            Membership membership,
            LocalDht dht,
            Replicator replicator,
            ViewMetrics views,
            MetricGossip gossip,
            Set<ContentId> pinned,
            Set<ContentId> uploads,
            NodeMetrics metrics) {
        public NodeId id() {
            return identity.nodeId();
        }
    }

    private final Simulation simulation;
    private final SimulatedNetwork network;
    private final MembershipConfig config;
    private final ReplicationConfig replication;
    private final Map<NodeId, String> hostOf = new HashMap<>();
    private final Map<String, Node> nodes = new HashMap<>();
    private final List<Node> order = new ArrayList<>();
    private final Map<InetAddress, Asn> asns = new HashMap<>();
    private final Map<String, Long> claimedNLocal = new HashMap<>();
    private final Map<String, Predicate<String>> acceptsCallers = new HashMap<>();
    private final SignatureMemo signatures = new SignatureMemo(SignatureVerifier.direct(), MEMO_CAPACITY);
    /** Verified receipts, shared for the same reason as the memo: they are checked by the thousand at every node. */
    private final VerifiedReceipts receipts = new VerifiedReceipts(1 << 19, signatures);

    private boolean advertisements;
    private long handshakes;
    private long failedHandshakes;

    /**
     * Verified signatures all simulated nodes share: verification is pure, so one node's check holds for all, and a
     * receipt or a leader's record that a hundred nodes check costs one Ed25519 verification instead of a hundred. Each
     * node still runs every check it would run alone. 2^20 entries of 32 bytes (plus map overhead, about 100 MiB at
     * most) cover the receipts and records alive in a 1,000-node network over a TTL.
     */
    static final int MEMO_CAPACITY = 1 << 20;

    public SimulatedOverlay(
            Simulation simulation, SimulatedNetwork network, MembershipConfig config, ReplicationConfig replication) {
        this.simulation = Objects.requireNonNull(simulation, "simulation");
        this.network = Objects.requireNonNull(network, "network");
        this.config = Objects.requireNonNull(config, "config");
        this.replication = Objects.requireNonNull(replication, "replication");
    }

    /**
     * Nodes added from now on take part in transitive membership: they list
     * {@link Membership#ADVERTISEMENTS_CAPABILITY}, forward member advertisements and learn members from them.
     */
    public SimulatedOverlay withAdvertisements() {
        this.advertisements = true;
        return this;
    }

    /** Adds a public node on {@code host} at {@code placement}; its key comes from the simulation's seed. */
    public Node addNode(String host, SimulatedNetwork.Placement placement) {
        network.addHost(host, placement);
        placement.asn().ifPresent(asn -> asns.put(address(placement), new Asn(asn)));
        byte[] seed = new byte[32];
        simulation.random().nextBytes(seed);
        var identity = NodeIdentity.fromSeed(seed);
        var info = new NodeInfo(
                identity.nodeId(),
                identity.publicKey(),
                Optional.of(uri(host)),
                Privacy.PUBLIC,
                advertisements ? List.of(Membership.ADVERTISEMENTS_CAPABILITY, "storage") : List.of("storage"),
                "cairn/simulated",
                Optional.empty());
        RandomBytes random = bytes -> simulation.random().nextBytes(bytes);
        AsnResolver resolver = address -> Optional.ofNullable(asns.get(address));
        var membership = new Membership(
                identity,
                info,
                config,
                simulation,
                random,
                resolver,
                transportFrom(host),
                new HandshakeVerifier(config, simulation, identity.nodeId(), signatures, receipts));
        var metrics = new NodeMetrics();
        var dht =
                new LocalDht(identity, simulation, new InMemoryRecordStore(), RecordValueCodec.standard(), signatures);
        var pinned = new TreeSet<ContentId>();
        ReplicaFetcher fetcher = new ReplicaFetcher() {
            // Blob transfer is the node's HTTP adapter; here a fetch succeeds while the holder is up.
            @Override
            public boolean fetchAndPin(ContentId content) {
                if (!network.isUp(host)) {
                    return false;
                }
                pinned.add(content);
                return true;
            }

            @Override
            public void unpin(ContentId content) {
                pinned.remove(content);
            }
        };
        var replicator = new Replicator(
                identity,
                simulation,
                dht,
                replicationTransportFrom(host, identity.nodeId()),
                fetcher,
                metrics,
                replication);
        var gossip = new MetricGossip(
                identity.nodeId(),
                dht,
                metricTransportFrom(host, identity.nodeId()),
                simulation,
                RecordValueCodec.standard(),
                MetricGossip.DEFAULT_RETENTION_SECONDS);
        var views =
                new ViewMetrics(identity.nodeId(), dht, simulation, metrics, MetricsConfig.DEFAULT, gossip::changed);
        var node =
                new Node(host, identity, membership, dht, replicator, views, gossip, pinned, new TreeSet<>(), metrics);
        hostOf.put(identity.nodeId(), host);
        nodes.put(host, node);
        order.add(node);
        return node;
    }

    /**
     * Every {@code intervalMillis} (first after a random offset within one interval), each up node handshakes with
     * {@code fanout} peers drawn from the nodes it has discovered plus {@code seeds}.
     */
    public void gossip(long intervalMillis, int fanout, List<String> seeds) {
        gossip(order, intervalMillis, fanout, seeds, host -> true);
    }

    /**
     * Each up node runs a replication round and a metric gossip round every {@code tickMillis}, over the view its
     * membership gives it.
     */
    public void replicate(long tickMillis) {
        replicate(tickMillis, tickMillis);
    }

    /**
     * As a node runs them: a replication round every {@code roundMillis}, and once per {@code intervalMillis} (in the
     * first round after it) a fresh placement view and a metric gossip round. The view changes slowly (membership
     * lives for a TTL) and failures are found by heartbeats, not by the view, so the rounds in between reuse it.
     */
    public void replicate(long roundMillis, long intervalMillis) {
        for (Node node : order) {
            long offset = simulation.random().nextLong(roundMillis);
            long[] refreshedAt = {-1};
            PlacementView[] view = {null};
            simulation.every(offset, roundMillis, () -> {
                if (network.isUp(node.host())) {
                    long now = simulation.millis();
                    boolean due = refreshedAt[0] < 0 || now - refreshedAt[0] >= intervalMillis;
                    if (due) {
                        view[0] = view(node);
                        refreshedAt[0] = now;
                    }
                    node.replicator().tick(view[0], node.uploads());
                    if (due) {
                        node.gossip().tick(view[0]);
                    }
                }
            });
        }
    }

    /** Uploads {@code content} at {@code host}: that node names it in its replication rounds. */
    public void upload(String host, ContentId content) {
        node(host).uploads().add(content);
    }

    /** The placement view {@code node} acts on: its active members and itself, with its N_estimate. */
    public PlacementView view(Node node) {
        var candidates = new ArrayList<Candidate>();
        candidates.add(candidate(node.id(), network.placement(node.host())));
        for (NodeInfo member : node.membership().activeNodes()) {
            String host = hostOf.get(member.nodeId());
            if (host != null) {
                candidates.add(candidate(member.nodeId(), network.placement(host)));
            }
        }
        return new PlacementView(candidates, node.membership().nEstimate(), replication);
    }

    public SimulatedNetwork network() {
        return network;
    }

    /**
     * Makes {@code host} a liar: every handshake and response it signs claims {@code nLocal}, as a Sybil node inflating
     * the network's size would.
     */
    public void claimNLocal(String host, long nLocal) {
        node(host);
        claimedNLocal.put(host, nLocal);
    }

    /** {@code host} answers handshakes only from callers {@code accepts} allows: an island that vouches for itself. */
    public void acceptHandshakesFrom(String host, Predicate<String> accepts) {
        node(host);
        acceptsCallers.put(host, accepts);
    }

    /**
     * As {@link #gossip(long, int, List)} for {@code which} nodes only, dialling only hosts that {@code mayDial}
     * allows.
     */
    public void gossip(
            List<Node> which, long intervalMillis, int fanout, List<String> seeds, Predicate<String> mayDial) {
        for (Node node : which) {
            long offset = simulation.random().nextLong(intervalMillis);
            simulation.every(offset, intervalMillis, () -> round(node, fanout, seeds, mayDial));
        }
    }

    public List<Node> nodes() {
        return List.copyOf(order);
    }

    public Node node(String host) {
        Node node = nodes.get(host);
        if (node == null) {
            throw new IllegalArgumentException("no simulated node " + host);
        }
        return node;
    }

    public long handshakes() {
        return handshakes;
    }

    /** The verification memo shared by every node of this overlay: its hits and misses tell what it saved. */
    public SignatureMemo signatureMemo() {
        return signatures;
    }

    public long failedHandshakes() {
        return failedHandshakes;
    }

    private void round(Node node, int fanout, List<String> seeds, Predicate<String> mayDial) {
        if (!network.isUp(node.host())) {
            return;
        }
        // A set: with a thousand known nodes, list lookups here cost more than the handshakes.
        var unique = new java.util.LinkedHashSet<String>();
        for (String seed : seeds) {
            if (!seed.equals(node.host())) {
                unique.add(seed);
            }
        }
        // Members too: a member must be met again before DHT_MEMBERSHIP_TTL or it expires.
        var known = new ArrayList<NodeInfo>(node.membership().discoveredNodes());
        node.membership().members().forEach(m -> known.add(m.info()));
        for (NodeInfo info : known) {
            info.publicHost()
                    .map(URI::getHost)
                    .filter(h -> !h.equals(node.host()))
                    .ifPresent(unique::add);
        }
        unique.removeIf(mayDial.negate());
        var candidates = new ArrayList<String>(unique);
        for (int i = 0; i < fanout && !candidates.isEmpty(); i++) {
            String peer = candidates.remove(simulation.random().nextInt(candidates.size()));
            handshakes++;
            try {
                node.membership().handshakeWith(uri(peer));
            } catch (IOException | RuntimeException e) {
                failedHandshakes++;
            }
        }
    }

    private PeerTransport transportFrom(String host) {
        return (peer, request) -> {
            String to = peer.getHost();
            Node target = nodes.get(to);
            if (target == null
                    || !network.delivers(host, to)
                    || !acceptsCallers.getOrDefault(to, caller -> true).test(host)) {
                throw new IOException("no answer from " + peer);
            }
            var response = target.membership().respond(lie(host, request), address(network.placement(host)));
            if (!network.delivers(to, host)) {
                throw new IOException("the answer of " + peer + " was lost");
            }
            return new PeerTransport.Reply(lie(to, response), address(network.placement(to)));
        };
    }

    private HandshakeRequest lie(String host, HandshakeRequest r) {
        Long n = claimedNLocal.get(host);
        return n == null ? r : NLocalLie.request(node(host).identity(), r, n);
    }

    private HandshakeResponse lie(String host, HandshakeResponse r) {
        Long n = claimedNLocal.get(host);
        return n == null ? r : NLocalLie.response(node(host).identity(), r, n);
    }

    private ReplicationTransport replicationTransportFrom(String host, NodeId from) {
        return (to, message) -> {
            String target = hostOf.get(to);
            if (target != null) {
                network.send(host, target, () -> nodes.get(target).replicator().receive(from, message));
            }
        };
    }

    private MetricTransport metricTransportFrom(String host, NodeId from) {
        return (to, message) -> {
            String target = hostOf.get(to);
            if (target != null) {
                network.send(host, target, () -> nodes.get(target).gossip().receive(from, message));
            }
        };
    }

    private static Candidate candidate(NodeId id, SimulatedNetwork.Placement placement) {
        return new Candidate(
                id,
                OptionalInt.of(placement.firstOctet()),
                placement.asn().isPresent() ? OptionalLong.of(placement.asn().getAsInt()) : OptionalLong.empty());
    }

    private static URI uri(String host) {
        return URI.create("https://" + host);
    }

    private static InetAddress address(SimulatedNetwork.Placement placement) {
        int ip = placement.ipv4();
        try {
            return InetAddress.getByAddress(
                    new byte[] {(byte) (ip >>> 24), (byte) (ip >>> 16), (byte) (ip >>> 8), (byte) ip});
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }
}
