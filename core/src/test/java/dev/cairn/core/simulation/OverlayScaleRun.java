package dev.cairn.core.simulation;

import dev.cairn.core.dht.ContentMeta;
import dev.cairn.core.dht.MetaKey;
import dev.cairn.core.hash.Digest256;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.id.NodeId;
import dev.cairn.core.membership.MembershipConfig;
import dev.cairn.core.metrics.View;
import dev.cairn.core.replication.PlacementView;
import dev.cairn.core.replication.ReplicationConfig;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The full-protocol scale run: NODES real overlay nodes (membership, DHT, replication, metric gossip) start from one
 * bootstrap address, CONTENTS contents are uploaded at random nodes, views are recorded throughout, and the run goes
 * on for MINUTES of simulated time at the production intervals (handshake round every minute with 6 peers,
 * replication rounds every 5 s, metric rounds every heartbeat interval, 60 s). It prints wall time, peak heap and what the overlay
 * reached.
 *
 * <pre>
 * ./mvnw -B -q -pl core test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt
 * java -Xmx4g -cp "core/target/test-classes:core/target/classes:$(cat core/cp.txt)" \
 *     dev.cairn.core.simulation.OverlayScaleRun 1000 10000 60 [SEED [direct|adverts]]
 * </pre>
 *
 * <p>{@code -Dcairn.sim.loneliest} also prints the node that sees the fewest others active, for diagnosis.
 */
public final class OverlayScaleRun {
    static final long START = 1_764_090_000_000L;
    static final long MINUTE = 60_000;

    /** What a run reached and cost. */
    public record Result(
            int nodes,
            int contents,
            int activeEverywhere,
            double worstEstimateError,
            Spread activeSeen,
            Spread estimates,
            Spread directMembers,
            Spread advertisementsHeld,
            int placedAtTarget,
            int withoutRecord,
            long handshakes,
            long failedHandshakes,
            long messages,
            long views,
            long events,
            long signatureMemoHits,
            long signatureMemoMisses,
            long wallMillis) {}

    /** Smallest, median and largest of one figure over the nodes. */
    public record Spread(long min, long median, long max) {
        static Spread of(List<Long> values) {
            var sorted = values.stream().sorted().toList();
            return new Spread(sorted.getFirst(), sorted.get(sorted.size() / 2), sorted.getLast());
        }

        @Override
        public String toString() {
            return min + " / " + median + " / " + max;
        }
    }

    private OverlayScaleRun() {}

    public static Result run(int nodeCount, int contentCount, int minutes, long seed) {
        return run(nodeCount, contentCount, minutes, seed, true);
    }

    /** As {@link #run(int, int, int, long)}; {@code advertisements} false runs direct-handshake membership only. */
    public static Result run(int nodeCount, int contentCount, int minutes, long seed, boolean advertisements) {
        long began = System.nanoTime();
        var simulation = new Simulation(seed, START);
        var network = new SimulatedNetwork(simulation).latency(20, 80).lossRate(0.001);
        var config = ReplicationConfig.defaults();
        var overlay = new SimulatedOverlay(simulation, network, MembershipConfig.DEFAULTS, config);
        if (advertisements) {
            overlay.withAdvertisements();
        }
        var contents = populate(simulation, overlay, config, nodeCount, contentCount);
        var nodes = overlay.nodes();
        long[] views = new long[1];
        // About one view per content per hour, at random nodes, from 5,000 devices.
        long viewEvery = Math.max(1, 60 * MINUTE / contentCount);
        simulation.every(viewEvery, viewEvery, () -> {
            var node = nodes.get(simulation.random().nextInt(nodes.size()));
            if (network.isUp(node.host())) {
                ContentId content = contents.get(simulation.random().nextInt(contents.size()));
                byte[] salt = ("device " + simulation.random().nextInt(5_000)).getBytes(StandardCharsets.UTF_8);
                node.views()
                        .recordView(content, new View(salt, simulation.random().nextInt(300), 1 << 20, true));
                views[0]++;
            }
        });
        simulation.runFor(minutes * MINUTE);

        int active = 0;
        double worst = 0;
        SimulatedOverlay.Node loneliest = nodes.getFirst();
        var seen = new ArrayList<Long>();
        var estimates = new ArrayList<Long>();
        var direct = new ArrayList<Long>();
        var held = new ArrayList<Long>();
        for (var node : nodes) {
            int n = node.membership().activeNodes().size();
            if (n == nodeCount - 1) {
                active++;
            }
            seen.add((long) n);
            if (n < loneliest.membership().activeNodes().size()) {
                loneliest = node;
            }
            estimates.add(node.membership().nEstimate());
            direct.add((long) node.membership().members().size());
            held.add((long) node.membership().advertisements().size());
            worst = Math.max(worst, Math.abs(node.membership().nEstimate() - nodeCount) / (double) nodeCount);
        }
        Map<NodeId, SimulatedOverlay.Node> byId = new HashMap<>();
        nodes.forEach(n -> byId.put(n.id(), n));
        PlacementView truth = overlay.view(nodes.getFirst());
        int placed = 0;
        int missing = 0;
        for (ContentId content : contents) {
            var record = byId.get(truth.leader(content)).dht().get(new MetaKey(content));
            if (record.isEmpty()) {
                missing++;
            } else if (((ContentMeta) record.get().value()).leases().size() == config.replicationTarget()) {
                placed++;
            }
        }
        if (System.getProperty("cairn.sim.loneliest") != null) {
            System.out.printf(
                    "  fewest active at %s: %d active, %d members, %d advertisements, N_estimate %d%n",
                    loneliest.host(),
                    loneliest.membership().activeNodes().size(),
                    loneliest.membership().members().size(),
                    loneliest.membership().advertisements().size(),
                    loneliest.membership().nEstimate());
        }
        return new Result(
                nodeCount,
                contentCount,
                active,
                worst,
                Spread.of(seen),
                Spread.of(estimates),
                Spread.of(direct),
                Spread.of(held),
                placed,
                missing,
                overlay.handshakes(),
                overlay.failedHandshakes(),
                network.deliveredMessages(),
                views[0],
                simulation.executedEvents(),
                overlay.signatureMemo().hits(),
                overlay.signatureMemo().misses(),
                (System.nanoTime() - began) / 1_000_000);
    }

    /**
     * Adds {@code nodeCount} public nodes in 200 first octets and 50 ASNs (diversity satisfiable, as on the public
     * Internet), uploads {@code contentCount} contents at random nodes, and starts handshakes (6 peers a minute, from
     * one seed) and replication at a node's intervals. Returns the contents.
     */
    static List<ContentId> populate(
            Simulation simulation,
            SimulatedOverlay overlay,
            ReplicationConfig config,
            int nodeCount,
            int contentCount) {
        for (int i = 0; i < nodeCount; i++) {
            int ip = ((1 + i % 200) << 24) | (i + 1);
            overlay.addNode("n" + i + ".sim", new SimulatedNetwork.Placement(ip, OptionalInt.of(64_500 + i % 50)));
        }
        var contents = new ArrayList<ContentId>();
        for (int c = 0; c < contentCount; c++) {
            var content = new ContentId(Digest256.blake3(("scale " + c).getBytes(StandardCharsets.UTF_8)));
            contents.add(content);
            overlay.upload("n" + simulation.random().nextInt(nodeCount) + ".sim", content);
        }
        overlay.gossip(MINUTE, 6, List.of("n0.sim"));
        overlay.replicate(
                config.roundIntervalMillis(), config.heartbeatInterval().toMillis());
        return contents;
    }

    public static void main(String[] args) {
        if (args.length < 3) {
            System.err.println("usage: OverlayScaleRun NODES CONTENTS MINUTES [SEED [direct|adverts]]");
            System.exit(2);
        }
        int minutes = Integer.parseInt(args[2]);
        Result r = run(
                Integer.parseInt(args[0]),
                Integer.parseInt(args[1]),
                minutes,
                args.length > 3 ? Long.parseLong(args[3]) : 1,
                args.length <= 4 || !args[4].equals("direct"));
        System.out.printf(
                "nodes %d, contents %d, %d simulated min: wall %.1f s, peak heap %d MiB%n"
                        + "  nodes seeing every other node active: %d; worst N_estimate error %.1f%%%n"
                        + "  min / median / max over nodes: active nodes seen %s; N_estimate %s; direct members %s;"
                        + " advertisements held %s%n"
                        + "  contents with R_target leases at their leader: %d; without a record at the leader: %d%n"
                        + "  handshakes %d (%d failed), messages delivered %d, views %d, events %d%n"
                        + "  shared signature memo: %d hits, %d misses (Ed25519 verifications)%n",
                r.nodes(),
                r.contents(),
                minutes,
                r.wallMillis() / 1000.0,
                peakHeapMiB(),
                r.activeEverywhere(),
                100 * r.worstEstimateError(),
                r.activeSeen(),
                r.estimates(),
                r.directMembers(),
                r.advertisementsHeld(),
                r.placedAtTarget(),
                r.withoutRecord(),
                r.handshakes(),
                r.failedHandshakes(),
                r.messages(),
                r.views(),
                r.events(),
                r.signatureMemoHits(),
                r.signatureMemoMisses());
    }

    static long peakHeapMiB() {
        long peak = 0;
        for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak >> 20;
    }
}
