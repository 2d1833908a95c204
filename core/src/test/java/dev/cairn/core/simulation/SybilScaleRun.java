package dev.cairn.core.simulation;

/**
 * The Sybil-island scenario of {@link SybilScenarioTest} at full size: HONEST honest nodes with member advertisements
 * dialling 6 peers a minute, and the island of 20 nodes in one network claiming N_local = 100000, whose advertisements
 * the two contacts forward. After MINUTES it prints how many honest nodes see any island node active, the spread of
 * active honest nodes seen and of N_estimate, and how many honest nodes hold island advertisements.
 *
 * <pre>
 * java -Xmx4g -cp "core/target/test-classes:core/target/classes:$(cat core/cp.txt)" \
 *     dev.cairn.core.simulation.SybilScaleRun 1000 30
 * </pre>
 */
public final class SybilScaleRun {
    private SybilScaleRun() {}

    public static void main(String[] args) {
        int honestCount = Integer.parseInt(args[0]);
        int minutes = Integer.parseInt(args[1]);
        long began = System.nanoTime();
        var island = SybilScenarioTest.run(honestCount, 6, true, minutes);
        int seeingSybils = 0;
        int holdingIslandAds = 0;
        long minActive = Long.MAX_VALUE;
        long maxActive = 0;
        long minEstimate = Long.MAX_VALUE;
        long maxEstimate = 0;
        for (var node : island.honest()) {
            var active = node.membership().activeNodes();
            if (active.stream()
                    .anyMatch(n -> island.sybilIds().contains(n.nodeId().hex()))) {
                seeingSybils++;
            }
            if (node.membership().advertisements().stream()
                    .anyMatch(a -> island.sybilIds().contains(a.node().nodeId().hex()))) {
                holdingIslandAds++;
            }
            minActive = Math.min(minActive, active.size());
            maxActive = Math.max(maxActive, active.size());
            minEstimate = Math.min(minEstimate, node.membership().nEstimate());
            maxEstimate = Math.max(maxEstimate, node.membership().nEstimate());
        }
        System.out.printf(
                "honest %d, island 20, %d simulated min: wall %.1f s, peak heap %d MiB%n",
                honestCount, minutes, (System.nanoTime() - began) / 1e9, OverlayScaleRun.peakHeapMiB());
        System.out.printf(
                "  honest nodes seeing an island node active: %d; holding island advertisements: %d%n",
                seeingSybils, holdingIslandAds);
        System.out.printf(
                "  active nodes seen %d..%d; N_estimate %d..%d%n", minActive, maxActive, minEstimate, maxEstimate);
    }
}
