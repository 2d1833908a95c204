package dev.cairn.core.simulation;

import dev.cairn.core.id.ContentId;
import dev.cairn.core.id.NodeId;
import dev.cairn.core.membership.MembershipConfig;
import dev.cairn.core.replication.ReplicationConfig;
import java.util.List;

/**
 * The placement, failover and partition-heal scenarios of {@link ReplicationScenarioTest} at full size and production
 * intervals (handshakes with 6 peers a minute, member advertisements, replication rounds every 5 s, heartbeats and
 * metric rounds every 60 s):
 * NODES nodes in 200 first octets and 50 ASNs, CONTENTS contents uploaded at random nodes. It prints what each phase
 * reached, as counts, and its wall time:
 *
 * <ol>
 *   <li>bootstrap for 15 simulated minutes: contents not at R_target, under-diverse;
 *   <li>one holder of one content crashes; after 180 s, whether that content is back at R_target;
 *   <li>the leader of another content crashes; after 180 s, whether the next responsible node leads it at R_target;
 *   <li>10% of the nodes crash at once, at a random moment within a heartbeat interval; contents not back
 *       at R_target after 180 s, 190 s (two rounds more) and 240 s;
 *   <li>the live nodes split in two halves for 12 minutes, then heal; after 15 minutes: contents not at R_target, not
 *       converged (responsible nodes disagree on leader or holders, or other than R_target pins), contents with conflicts logged, and the
 *       largest over-replication any node saw.
 * </ol>
 *
 * <p>With {@code -Dcairn.sim.explain=true} it prints, for up to ten contents not back at R_target 180 s after the 10% crash
 * and ten not converged at the end, each responsible node's record and who pins the content.
 *
 * <pre>
 * java -Xmx4g -cp "core/target/test-classes:core/target/classes:$(cat core/cp.txt)" \
 *     dev.cairn.core.simulation.ReplicationScaleRun 1000 10000 [SEED]
 * </pre>
 */
public final class ReplicationScaleRun {
    static final long START = 1_764_090_000_000L;
    static final long SECOND = 1_000;
    static final long MINUTE = 60 * SECOND;

    private ReplicationScaleRun() {}

    public static void main(String[] args) {
        int nodes = Integer.parseInt(args[0]);
        int contentCount = Integer.parseInt(args[1]);
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
        long began = System.nanoTime();
        var simulation = new Simulation(seed, START);
        var network = new SimulatedNetwork(simulation).latency(20, 80).lossRate(0.001);
        var config = ReplicationConfig.defaults();
        var overlay = new SimulatedOverlay(simulation, network, MembershipConfig.DEFAULTS, config).withAdvertisements();
        var contents = OverlayScaleRun.populate(simulation, overlay, config, nodes, contentCount);
        var checks = new PlacementChecks(overlay, config);
        simulation.runFor(15 * MINUTE);
        report(
                began,
                "bootstrap, 15 min",
                "not at R_target %d, under-diverse %d of %d",
                checks.notAtTarget(contents).size(),
                checks.underDiverse(contents).size(),
                contents.size());

        ContentId first = contents.get(0);
        NodeId leader = checks.observedView().leader(first);
        NodeId holder = checks.meta(leader, first).map(PlacementChecks::holders).orElseThrow().stream()
                .filter(h -> !h.equals(leader))
                .findFirst()
                .orElseThrow();
        network.crash(checks.node(holder).host());
        simulation.runFor(180 * SECOND);
        report(
                began,
                "one holder crashed, +180 s",
                "its content at R_target: %s",
                checks.notAtTarget(List.of(first)).isEmpty());

        ContentId second = contents.get(1);
        List<NodeId> responsible = checks.observedView().responsible(second);
        network.crash(checks.node(responsible.get(0)).host());
        simulation.runFor(180 * SECOND);
        NodeId next = checks.actingLeader(checks.observedView(), second);
        report(
                began,
                "one leader crashed, +180 s",
                "next lowest leads: %s; its content at R_target: %s",
                checks.meta(next, second)
                        .map(m -> m.leader().orElse(null))
                        .filter(next::equals)
                        .isPresent(),
                checks.notAtTarget(List.of(second)).isEmpty());

        // Phases so far last whole minutes, as do heartbeat intervals: without this offset every crash would come
        // just before the holders' next heartbeat, the kindest moment for the 180 s bound.
        simulation.runFor(simulation.random().nextLong(60 * SECOND));
        var live = overlay.nodes().stream().filter(n -> network.isUp(n.host())).toList();
        for (int i = 0; i < live.size(); i += 10) {
            network.crash(live.get(i).host());
        }
        long crashedAt = simulation.millis();
        simulation.runFor(180 * SECOND);
        report(
                began,
                "10% crashed, +180 s",
                "not back at R_target %d of %d",
                checks.notAtTarget(contents).size(),
                contents.size());
        explain("not back at R_target, crash at " + crashedAt, checks.notAtTarget(contents), checks);
        simulation.runFor(10 * SECOND);
        report(
                began,
                "10% crashed, +190 s",
                "not back at R_target %d",
                checks.notAtTarget(contents).size());
        simulation.runFor(50 * SECOND);
        report(
                began,
                "10% crashed, +240 s",
                "not back at R_target %d",
                checks.notAtTarget(contents).size());

        var hosts = overlay.nodes().stream().map(SimulatedOverlay.Node::host).toList();
        network.partition(1, hosts.subList(0, hosts.size() / 2));
        simulation.runFor(12 * MINUTE);
        network.heal();
        simulation.runFor(15 * MINUTE);
        report(
                began,
                "partition 12 min, healed 15 min",
                "not at R_target %d, not converged %d, conflicts logged %d, largest over-replication seen %d",
                checks.notAtTarget(contents).size(),
                checks.notConverged(contents).size(),
                checks.withConflictsLogged(contents),
                overlay.nodes().stream()
                        .mapToLong(n -> n.metrics().maxOverReplicated())
                        .max()
                        .orElse(0));
        explain("not converged", checks.notConverged(contents), checks);
        System.out.printf("peak heap %d MiB%n", OverlayScaleRun.peakHeapMiB());
    }

    /** With {@code -Dcairn.sim.explain=true}: the records of up to ten of {@code which}, under {@code what}. */
    private static void explain(String what, List<ContentId> which, PlacementChecks checks) {
        if (Boolean.getBoolean("cairn.sim.explain") && !which.isEmpty()) {
            System.out.println(what + ":");
            which.stream().limit(10).map(checks::explain).forEach(System.out::println);
        }
    }

    private static void report(long began, String phase, String format, Object... args) {
        System.out.printf("%7.1f s  %-32s %s%n", (System.nanoTime() - began) / 1e9, phase, String.format(format, args));
        System.out.flush();
    }
}
