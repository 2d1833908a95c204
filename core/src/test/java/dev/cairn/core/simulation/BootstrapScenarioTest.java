package dev.cairn.core.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.membership.MembershipConfig;
import dev.cairn.core.replication.ReplicationConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * Scenario "bootstrap": nodes that know only one seed node gossip handshakes until every node sees every other as
 * active and estimates the network's size within 10%. Default-suite size; {@code SimulatedOverlay} runs the same code
 * at full size.
 */
class BootstrapScenarioTest {
    static final long START = 1_764_090_000_000L;
    static final long MINUTE = 60_000;

    record Run(long handshakes, long failed, List<Long> estimates, List<Integer> active) {}

    static Run bootstrap(long seed, int nodes, double lossRate, int minutes) {
        var simulation = new Simulation(seed, START);
        var network = new SimulatedNetwork(simulation).lossRate(lossRate);
        var overlay =
                new SimulatedOverlay(simulation, network, MembershipConfig.DEFAULTS, ReplicationConfig.defaults());
        for (int i = 0; i < nodes; i++) {
            int ip = ((11 + i % 12) << 24) | (i + 1);
            overlay.addNode("node" + i + ".sim", new SimulatedNetwork.Placement(ip, OptionalInt.of(64_500 + i % 9)));
        }
        // Six handshakes a minute keep every pair meeting well within the 600 s membership TTL.
        overlay.gossip(MINUTE, 6, List.of("node0.sim"));
        simulation.runFor(minutes * MINUTE);

        var estimates = new ArrayList<Long>();
        var active = new ArrayList<Integer>();
        for (var node : overlay.nodes()) {
            estimates.add(node.membership().nEstimate());
            active.add(node.membership().activeMembers().size());
        }
        return new Run(overlay.handshakes(), overlay.failedHandshakes(), estimates, active);
    }

    @Test
    void everyNodeBecomesActiveEverywhereAndEstimatesTheSizeWithinTenPercent() {
        int nodes = 24;
        Run run = bootstrap(1, nodes, 0.0, 30);

        assertThat(run.active())
                .as("active members seen by each node")
                .allSatisfy(n -> assertThat(n).isBetween(nodes - 1, nodes));
        assertThat(run.estimates())
                .as("N_estimate at each node")
                .allSatisfy(
                        n -> assertThat(n).isBetween((long) Math.floor(nodes * 0.9), (long) Math.ceil(nodes * 1.1)));
        assertThat(run.failed()).isZero();
    }

    @Test
    void lossSlowsButDoesNotPreventConvergence() {
        int nodes = 16;
        Run run = bootstrap(2, nodes, 0.1, 30);

        assertThat(run.failed()).isPositive();
        assertThat(run.estimates())
                .allSatisfy(
                        n -> assertThat(n).isBetween((long) Math.floor(nodes * 0.9), (long) Math.ceil(nodes * 1.1)));
    }

    @Test
    void theSameSeedGivesTheSameRun() {
        assertThat(bootstrap(3, 8, 0.05, 10)).isEqualTo(bootstrap(3, 8, 0.05, 10));
    }
}
