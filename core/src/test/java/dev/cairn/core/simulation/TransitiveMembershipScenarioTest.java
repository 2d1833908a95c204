package dev.cairn.core.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.membership.MembershipConfig;
import dev.cairn.core.replication.ReplicationConfig;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * Scenario "transitive membership": 50 nodes with member advertisements, each dialling two peers a minute from one
 * seed, so that no node meets every other within the membership TTL (most meet 20–34). Through the advertisements
 * forwarded in handshake responses nearly every node sees every other active (a node whose origin two direct members
 * have not yet vouched for is known but not active), and every node estimates the size within 10%.
 */
class TransitiveMembershipScenarioTest {
    static final long START = 1_764_090_000_000L;
    static final long MINUTE = 60_000;
    static final int NODES = 50;

    @Test
    void nodesThatMeetFewPeersDirectlyStillSeeTheWholeNetworkActive() {
        var simulation = new Simulation(11, START);
        var network = new SimulatedNetwork(simulation).latency(20, 80);
        var overlay = new SimulatedOverlay(simulation, network, MembershipConfig.DEFAULTS, ReplicationConfig.defaults())
                .withAdvertisements();
        for (int i = 0; i < NODES; i++) {
            int ip = ((1 + i % 30) << 24) | (i + 1);
            overlay.addNode("n" + i + ".sim", new SimulatedNetwork.Placement(ip, OptionalInt.of(64_500 + i % 12)));
        }
        overlay.gossip(MINUTE, 2, List.of("n0.sim"));
        simulation.runFor(30 * MINUTE);

        int fewestDirect = NODES;
        int activePairs = 0;
        for (var node : overlay.nodes()) {
            int active = node.membership().activeNodes().size();
            assertThat(active).as("active nodes at %s", node.host()).isBetween(NODES - 3, NODES - 1);
            activePairs += active;
            assertThat(node.membership().nEstimate())
                    .as("N_estimate at %s", node.host())
                    .isBetween((long) (NODES * 0.9), (long) Math.ceil(NODES * 1.1));
            fewestDirect = Math.min(fewestDirect, node.membership().members().size());
        }
        // Of all (node, other node) pairs, at least 99% see the other active. Over seeds 1–14 this was 99.1–100%, and
        // no
        // node saw fewer than 47 (before advertisement filters: 98.8–100%, and 46): who lacks the last anchor at
        // minute 30 is chance.
        assertThat(activePairs).isGreaterThanOrEqualTo((int) Math.ceil(0.99 * NODES * (NODES - 1)));
        // Knowledge is transitive: some node met fewer than half the others directly in the last TTL.
        assertThat(fewestDirect).isLessThan(NODES / 2);
        assertThat(overlay.nodes().getFirst().membership().rejectedAdvertisements())
                .isZero();
    }
}
