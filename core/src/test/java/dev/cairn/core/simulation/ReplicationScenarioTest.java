package dev.cairn.core.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.dht.ContentMeta;
import dev.cairn.core.dht.MetaKey;
import dev.cairn.core.dht.ReplicaLease;
import dev.cairn.core.hash.Digest256;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.id.NodeId;
import dev.cairn.core.membership.MembershipConfig;
import dev.cairn.core.replication.PlacementView;
import dev.cairn.core.replication.ReplicationConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Scenarios "placement" and "failover" on a simulated overlay of real membership and replication nodes: after
 * bootstrap every content has exactly R_target diverse leases chosen by the lowest responsible node; after a holder,
 * a leader, then 10% of the nodes crash, every content is back to R_target live leases within 180 s.
 */
class ReplicationScenarioTest {
    static final long START = 1_764_090_000_000L;
    static final long SECOND = 1_000;
    static final long MINUTE = 60 * SECOND;
    static final long TICK = 2 * SECOND;
    static final int NODES = 20;
    static final int CONTENTS = 24;

    Simulation simulation;
    SimulatedOverlay overlay;
    final List<ContentId> contents = new ArrayList<>();
    final ReplicationConfig config = ReplicationConfig.defaults();

    @BeforeEach
    void bootstrapAndPlace() {
        simulation = new Simulation(11, START);
        var network = new SimulatedNetwork(simulation).latency(20, 80);
        overlay = new SimulatedOverlay(simulation, network, MembershipConfig.DEFAULTS, config);
        for (int i = 0; i < NODES; i++) {
            int ip = ((20 + i % 7) << 24) | (i + 1);
            overlay.addNode("n" + i + ".sim", new SimulatedNetwork.Placement(ip, OptionalInt.of(64_500 + i % 5)));
        }
        for (int c = 0; c < CONTENTS; c++) {
            var content = new ContentId(Digest256.blake3(("content " + c).getBytes(StandardCharsets.UTF_8)));
            contents.add(content);
            overlay.upload("n" + (c % NODES) + ".sim", content);
        }
        overlay.gossip(MINUTE, 6, List.of("n0.sim"));
        simulation.runFor(15 * MINUTE);
        overlay.replicate(TICK);
        simulation.runFor(5 * MINUTE);
    }

    @Test
    void everyContentHasExactlyTheTargetLeasesDiverseAndChosenByTheLowestResponsibleNode() {
        PlacementView truth = observedView();
        for (ContentId content : contents) {
            NodeId leader = truth.leader(content);
            ContentMeta meta = meta(leader, content);

            assertThat(meta.leader()).as("leader of %s", content).contains(leader);
            assertThat(meta.leases()).as("leases of %s", content).hasSize(config.replicationTarget());
            assertThat(holders(meta))
                    .allSatisfy(h -> assertThat(node(h).pinned()).contains(content));
            var octets = new HashSet<Integer>();
            var asns = new HashSet<Integer>();
            for (NodeId holder : holders(meta)) {
                var placement = overlay.network().placement(node(holder).host());
                octets.add(placement.firstOctet());
                asns.add(placement.asn().getAsInt());
            }
            assertThat(octets)
                    .as(
                            "first octets of the holders of %s (ASNs %s, placement %s)",
                            content, asns, truth.place(content))
                    .hasSizeGreaterThanOrEqualTo(3);
            assertThat(asns)
                    .as(
                            "ASNs of the holders of %s: %s; fresh placement %s; meta %s",
                            content, asns, truth.place(content), meta)
                    .hasSizeGreaterThanOrEqualTo(3);
        }
        assertThat(overlay.nodes())
                .allSatisfy(n -> assertThat(n.metrics().underReplicated()).isZero());
    }

    @Test
    void aCrashedHolderIsReplacedWithin180Seconds() {
        ContentId content = contents.get(0);
        NodeId leader = observedView().leader(content);
        NodeId victim = holders(meta(leader, content)).stream()
                .filter(h -> !h.equals(leader))
                .findFirst()
                .orElseThrow();

        overlay.network().crash(node(victim).host());
        simulation.runFor(180 * SECOND);

        assertBackToTarget(List.of(content));
        assertThat(holders(meta(leader, content))).doesNotContain(victim);
    }

    @Test
    void aCrashedLeaderIsReplacedByTheNextLowestResponsibleNodeWithin180Seconds() {
        ContentId content = contents.get(1);
        List<NodeId> responsible = observedView().responsible(content);
        NodeId leader = responsible.get(0);

        overlay.network().crash(node(leader).host());
        simulation.runFor(180 * SECOND);

        NodeId next = responsible.get(1);
        assertThat(meta(next, content).leader()).contains(next);
        assertThat(holders(meta(next, content))).doesNotContain(leader).hasSize(config.replicationTarget());
        assertThat(node(next).metrics().leaderChanges()).isPositive();
    }

    @Test
    void afterTenPercentOfNodesCrashAtOnceEveryContentIsBackToTargetWithin180Seconds() {
        var victims = new ArrayList<SimulatedOverlay.Node>();
        for (int i = 0; i < NODES / 10; i++) {
            victims.add(overlay.nodes().get(3 + 7 * i));
        }
        victims.forEach(v -> overlay.network().crash(v.host()));
        simulation.runFor(180 * SECOND);

        assertBackToTarget(contents);
    }

    @Test
    void aPartitionThatHealsEndsWithOneRecordPerContentTheLosersLoggedAndNoExtraReplicas() {
        var hosts = overlay.nodes().stream().map(SimulatedOverlay.Node::host).toList();
        overlay.network().partition(1, hosts.subList(0, NODES / 2));
        simulation.runFor(12 * MINUTE);
        overlay.network().heal();
        simulation.runFor(15 * MINUTE);

        assertBackToTarget(contents);
        PlacementView truth = observedView();
        for (ContentId content : contents) {
            ContentMeta leaders = meta(truth.leader(content), content);
            for (NodeId responsible : truth.responsible(content)) {
                assertThat(meta(responsible, content))
                        .as("record of %s at responsible node %s", content, responsible)
                        .isEqualTo(leaders);
            }
            long pinning = overlay.nodes().stream()
                    .filter(n -> n.pinned().contains(content))
                    .count();
            assertThat(pinning).as("replicas of %s after the heal", content).isEqualTo(config.replicationTarget());
        }
        long logged = contents.stream()
                .filter(c -> !meta(truth.leader(c), c).conflictLog().isEmpty())
                .count();
        assertThat(logged)
                .as("contents whose conflict_log records the other side")
                .isPositive();
        assertThat(overlay.nodes().stream()
                        .mapToLong(n -> n.metrics().maxOverReplicated())
                        .max()
                        .orElse(0))
                .as("over-replication seen after the heal")
                .isPositive();
    }

    /** Every content's acting leader (lowest live responsible node) lists R_target live, pinning holders. */
    private void assertBackToTarget(List<ContentId> which) {
        PlacementView truth = observedView();
        for (ContentId content : which) {
            NodeId leader = truth.responsible(content).stream()
                    .filter(id -> overlay.network().isUp(node(id).host()))
                    .findFirst()
                    .orElseThrow();
            ContentMeta meta = meta(leader, content);
            assertThat(meta.leader()).as("leader of %s", content).contains(leader);
            assertThat(holders(meta))
                    .as("holders of %s", content)
                    .hasSize(config.replicationTarget())
                    .allSatisfy(h -> {
                        assertThat(overlay.network().isUp(node(h).host())).isTrue();
                        assertThat(node(h).pinned()).contains(content);
                    });
        }
    }

    /**
     * The view the nodes act on, as the first live node sees it: membership keeps a crashed node for up to
     * DHT_MEMBERSHIP_TTL, so it stays responsible on paper and the live nodes fail over by its silence.
     */
    private PlacementView observedView() {
        var observer = overlay.nodes().stream()
                .filter(n -> overlay.network().isUp(n.host()))
                .findFirst()
                .orElseThrow();
        return overlay.view(observer);
    }

    private SimulatedOverlay.Node node(NodeId id) {
        return overlay.nodes().stream()
                .filter(n -> n.id().equals(id))
                .findFirst()
                .orElseThrow();
    }

    private ContentMeta meta(NodeId at, ContentId content) {
        Optional<ContentMeta> meta = node(at).dht().get(new MetaKey(content)).map(r -> (ContentMeta) r.value());
        assertThat(meta).as("MetaKey of %s at %s", content, at).isPresent();
        return meta.get();
    }

    private static List<NodeId> holders(ContentMeta meta) {
        var out = new ArrayList<NodeId>();
        for (ReplicaLease lease : meta.leases()) {
            out.add(lease.holder());
        }
        assertThat(new HashSet<>(out)).hasSameSizeAs(out);
        return out;
    }
}
