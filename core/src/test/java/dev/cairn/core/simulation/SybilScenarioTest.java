package dev.cairn.core.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.membership.MembershipConfig;
import dev.cairn.core.replication.ReplicationConfig;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Scenario "Sybil island": 20 nodes in one network (one ASN, one first octet) vouch only for each other, dial two
 * honest nodes, refuse handshakes from anyone else and claim N_local = 100000. Next to 20 honest nodes, none of them
 * becomes active at an honest node and no honest node's N_estimate moves.
 */
class SybilScenarioTest {
    static final long START = 1_764_090_000_000L;
    static final long MINUTE = 60_000;
    static final int HONEST = 20;
    static final int SYBILS = 20;

    @Test
    void anIslandThatOnlyVouchesForItselfIsExcludedAndMovesNoEstimate() {
        island(false);
    }

    /**
     * With member advertisements the two contacts also handshake with the island and forward its members'
     * advertisements (each claiming N_local = 100000) to every honest node; they are known there, never active.
     */
    @Test
    void anIslandWhoseAdvertisementsAreForwardedEverywhereIsStillExcluded() {
        island(true);
    }

    /** The island scenario after its run: the honest nodes, the island's NodeIds (hex), and the overlay. */
    record Island(SimulatedOverlay overlay, List<SimulatedOverlay.Node> honest, Set<String> sybilIds) {}

    /**
     * {@code honest} honest nodes (dialling {@code fanout} peers a minute) and {@value #SYBILS} island nodes run for
     * {@code minutes}; with {@code advertisements} the two contacts also accept the island's handshakes and forward
     * its advertisements.
     */
    static Island run(int honestCount, int fanout, boolean advertisements, int minutes) {
        var simulation = new Simulation(5, START);
        var network = new SimulatedNetwork(simulation);
        var overlay =
                new SimulatedOverlay(simulation, network, MembershipConfig.DEFAULTS, ReplicationConfig.defaults());
        if (advertisements) {
            overlay.withAdvertisements();
        }
        for (int i = 0; i < honestCount; i++) {
            int ip = ((11 + i % 12) << 24) | (i + 1);
            overlay.addNode("h" + i + ".sim", new SimulatedNetwork.Placement(ip, OptionalInt.of(64_500 + i % 9)));
        }
        for (int i = 0; i < SYBILS; i++) {
            String host = "s" + i + ".sim";
            overlay.addNode(host, new SimulatedNetwork.Placement((66 << 24) | (i + 1), OptionalInt.of(65_000)));
            overlay.claimNLocal(host, 100_000);
            overlay.acceptHandshakesFrom(
                    host,
                    caller -> caller.startsWith("s")
                            || (advertisements && Set.of("h0.sim", "h1.sim").contains(caller)));
        }
        var honest = overlay.nodes().subList(0, honestCount);
        var sybils = overlay.nodes().subList(honestCount, honestCount + SYBILS);
        Set<String> contacts = Set.of("h0.sim", "h1.sim");

        // Honest nodes also dial the island members they hear of, and fail: a wider fanout keeps them meeting each
        // other.
        overlay.gossip(honest, MINUTE, fanout, List.of("h0.sim"), host -> true);
        overlay.gossip(
                sybils,
                MINUTE,
                6,
                List.of("s0.sim", "h0.sim", "h1.sim"),
                host -> host.startsWith("s") || contacts.contains(host));
        simulation.runFor(minutes * MINUTE);
        return new Island(
                overlay, honest, sybils.stream().map(n -> n.id().hex()).collect(Collectors.toSet()));
    }

    private void island(boolean advertisements) {
        Island run = run(HONEST, 10, advertisements, 30);
        var overlay = run.overlay();
        var honest = run.honest();
        Set<String> sybilIds = run.sybilIds();
        for (var node : honest) {
            assertThat(node.membership().activeNodes())
                    .as("active nodes at %s", node.host())
                    .noneMatch(m -> sybilIds.contains(m.nodeId().hex()))
                    .hasSizeGreaterThanOrEqualTo(HONEST - 3);
            assertThat(node.membership().nEstimate())
                    .as("N_estimate at %s", node.host())
                    .isBetween((long) (HONEST * 0.9), (long) Math.ceil(HONEST * 1.1));
        }
        // The contacts did meet the island: it was seen and filtered, not simply unknown.
        assertThat(overlay.node("h0.sim").membership().members())
                .anyMatch(m -> sybilIds.contains(m.nodeId().hex()));
        if (advertisements) {
            // ...and honest nodes that never met it hold its advertisements: forwarded, checked, not trusted.
            assertThat(honest.subList(2, HONEST))
                    .allSatisfy(node -> assertThat(node.membership().advertisements())
                            .anyMatch(a -> sybilIds.contains(a.node().nodeId().hex())));
        }
    }
}
