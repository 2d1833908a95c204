package dev.cairn.core.simulation;

import dev.cairn.core.membership.MembershipConfig;
import dev.cairn.core.replication.ReplicationConfig;
import java.util.List;
import java.util.OptionalInt;

/**
 * How far transitive membership reaches over time, membership alone (no replication): NODES nodes with member
 * advertisements gossip FANOUT handshakes a minute from one seed for MINUTES, in 30 first octets and 12 ASNs; every five
 * minutes it prints, per seed, the fraction of (node, other node) pairs seen active, the fewest others any node sees
 * active, the mean number of advertisements held and the lowest N_estimate.
 *
 * <pre>
 * java -cp "core/target/test-classes:core/target/classes:$(cat core/cp.txt)" \
 *     dev.cairn.core.simulation.MembershipSpreadRun 1000 6 25 1
 * </pre>
 */
public final class MembershipSpreadRun {
    private MembershipSpreadRun() {}

    public static void main(String[] args) {
        int nodes = Integer.parseInt(args[0]);
        int fanout = Integer.parseInt(args[1]);
        int minutes = Integer.parseInt(args[2]);
        for (int seed = 1; seed <= Integer.parseInt(args[3]); seed++) {
            var simulation = new Simulation(seed, 1_764_090_000_000L);
            var network = new SimulatedNetwork(simulation).latency(20, 80);
            var overlay = new SimulatedOverlay(
                            simulation, network, MembershipConfig.DEFAULTS, ReplicationConfig.defaults())
                    .withAdvertisements();
            for (int i = 0; i < nodes; i++) {
                int ip = ((1 + i % 30) << 24) | (i + 1);
                overlay.addNode("n" + i + ".sim", new SimulatedNetwork.Placement(ip, OptionalInt.of(64_500 + i % 12)));
            }
            overlay.gossip(60_000, fanout, List.of("n0.sim"));
            System.out.print("seed " + seed + ":");
            for (int m = 5; m <= minutes; m += 5) {
                simulation.runFor(5 * 60_000);
                long pairs = 0;
                long min = nodes;
                long held = 0;
                long minEst = Long.MAX_VALUE;
                for (var node : overlay.nodes()) {
                    int a = node.membership().activeNodes().size();
                    pairs += a;
                    min = Math.min(min, a);
                    held += node.membership().advertisements().size();
                    minEst = Math.min(minEst, node.membership().nEstimate());
                }
                System.out.printf(
                        " m%d %.3f/%d/%d/%d", m, pairs / (double) (nodes * (nodes - 1)), min, held / nodes, minEst);
                System.out.flush();
            }
            System.out.println();
        }
    }
}
