package dev.cairn.core.simulation;

import dev.cairn.core.hash.Digest256;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.membership.MembershipConfig;
import dev.cairn.core.replication.ReplicationConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Scenario "churn": every hour a share of the nodes crashes and as many crashed ones come back; every minute each
 * content's live, pinning holders are counted. The result is the fraction of content-minutes with fewer than
 * R_target live replicas.
 *
 * <p>The default suite runs it small ({@code ChurnScenarioTest}); the full run is a command:
 *
 * <pre>
 * ./mvnw -B -q -pl core test-compile &amp;&amp; java -cp "core/target/test-classes:core/target/classes:$(cat cp.txt)" \
 *     dev.cairn.core.simulation.ChurnScenario NODES CONTENTS HOURS [SEED]
 * </pre>
 */
public final class ChurnScenario {
    static final long START = 1_764_090_000_000L;
    static final long MINUTE = 60_000;

    /** What a run measured. */
    public record Result(long contentMinutes, long underReplicatedMinutes, int crashes, long wallMillis) {
        public double underReplicatedFraction() {
            return contentMinutes == 0 ? 0 : (double) underReplicatedMinutes / contentMinutes;
        }
    }

    private ChurnScenario() {}

    public static Result run(int nodes, int contents, int hours, double churnPerHour, long seed) {
        long began = System.nanoTime();
        var simulation = new Simulation(seed, START);
        var network = new SimulatedNetwork(simulation).latency(20, 80);
        var config = ReplicationConfig.defaults();
        var overlay = new SimulatedOverlay(simulation, network, MembershipConfig.DEFAULTS, config);
        for (int i = 0; i < nodes; i++) {
            int ip = ((20 + i % 9) << 24) | (i + 1);
            overlay.addNode("n" + i + ".sim", new SimulatedNetwork.Placement(ip, OptionalInt.of(64_500 + i % 7)));
        }
        var ids = new ArrayList<ContentId>();
        for (int c = 0; c < contents; c++) {
            var content = new ContentId(Digest256.blake3(("churn " + c).getBytes(StandardCharsets.UTF_8)));
            ids.add(content);
            overlay.upload("n" + (c % nodes) + ".sim", content);
        }
        overlay.gossip(MINUTE, 6, List.of("n0.sim"));
        simulation.runFor(15 * MINUTE);
        overlay.replicate(5_000);
        simulation.runFor(5 * MINUTE);

        long[] samples = new long[2];
        simulation.every(0, MINUTE, () -> {
            for (ContentId content : ids) {
                long live = overlay.nodes().stream()
                        .filter(n -> network.isUp(n.host()) && n.pinned().contains(content))
                        .count();
                samples[0]++;
                if (live < config.replicationTarget()) {
                    samples[1]++;
                }
            }
        });
        int perHour = Math.max(1, (int) Math.round(nodes * churnPerHour));
        var down = new ArrayList<String>();
        int[] crashes = new int[1];
        // Half past every hour, so each crash has the rest of its hour to heal within the run.
        simulation.every(30 * MINUTE, 60 * MINUTE, () -> {
            var up = new ArrayList<String>();
            overlay.nodes().forEach(n -> {
                if (network.isUp(n.host())) {
                    up.add(n.host());
                }
            });
            for (int i = 0; i < perHour && !up.isEmpty(); i++) {
                String victim = up.remove(simulation.random().nextInt(up.size()));
                network.crash(victim);
                down.add(victim);
                crashes[0]++;
            }
            for (int i = 0; i < perHour && down.size() > perHour; i++) {
                network.restart(down.removeFirst());
            }
        });
        simulation.runFor(hours * 60 * MINUTE);
        return new Result(samples[0], samples[1], crashes[0], (System.nanoTime() - began) / 1_000_000);
    }

    public static void main(String[] args) {
        if (args.length < 3) {
            System.err.println("usage: ChurnScenario NODES CONTENTS HOURS [SEED]");
            System.exit(2);
        }
        int nodes = Integer.parseInt(args[0]);
        int contents = Integer.parseInt(args[1]);
        int hours = Integer.parseInt(args[2]);
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 1;
        Result r = run(nodes, contents, hours, 0.05, seed);
        System.out.printf(
                "nodes %d, contents %d, %d h, churn 5%%/h (%d crashes): under-replicated %.4f%% of %d content-minutes;"
                        + " wall %.1f s, peak heap %d MiB%n",
                nodes,
                contents,
                hours,
                r.crashes(),
                100 * r.underReplicatedFraction(),
                r.contentMinutes(),
                r.wallMillis() / 1000.0,
                peakHeapMiB());
    }

    private static long peakHeapMiB() {
        long peak = 0;
        for (var pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak >> 20;
    }
}
