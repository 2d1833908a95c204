package dev.cairn.core.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.crdt.HyperLogLog;
import dev.cairn.core.dht.MetricKey;
import dev.cairn.core.dht.MetricState;
import dev.cairn.core.hash.Digest256;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.id.NodeId;
import dev.cairn.core.membership.MembershipConfig;
import dev.cairn.core.metrics.MetricsConfig;
import dev.cairn.core.metrics.View;
import dev.cairn.core.metrics.ViewMetrics;
import dev.cairn.core.replication.PlacementView;
import dev.cairn.core.replication.ReplicationConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Windowed metrics on a simulated overlay: views recorded at any node reach every node responsible for the content,
 * which all converge to the same window; views recorded on both sides of a partition are all counted after the heal.
 */
class MetricScenarioTest {
    static final long START = 1_764_090_000_000L;
    static final long SECOND = 1_000;
    static final long MINUTE = 60 * SECOND;
    static final long TICK = 2 * SECOND;
    static final int NODES = 20;
    static final int CONTENTS = 6;

    Simulation simulation;
    SimulatedOverlay overlay;
    final List<ContentId> contents = new ArrayList<>();
    /** What the test recorded, per content: views, watch seconds, completions. */
    final Map<ContentId, long[]> recorded = new HashMap<>();
    /** The distinct devices that viewed each content. */
    final Map<ContentId, Set<String>> devices = new HashMap<>();

    @BeforeEach
    void bootstrap() {
        simulation = new Simulation(23, START);
        var network = new SimulatedNetwork(simulation).latency(20, 80).lossRate(0.02);
        overlay = new SimulatedOverlay(simulation, network, MembershipConfig.DEFAULTS, ReplicationConfig.defaults());
        for (int i = 0; i < NODES; i++) {
            int ip = ((30 + i % 7) << 24) | (i + 1);
            overlay.addNode("n" + i + ".sim", new SimulatedNetwork.Placement(ip, OptionalInt.of(64_500 + i % 5)));
        }
        for (int c = 0; c < CONTENTS; c++) {
            var content = new ContentId(Digest256.blake3(("metric content " + c).getBytes(StandardCharsets.UTF_8)));
            contents.add(content);
            recorded.put(content, new long[3]);
            overlay.upload("n" + (c % NODES) + ".sim", content);
        }
        overlay.gossip(MINUTE, 6, List.of("n0.sim"));
        simulation.runFor(15 * MINUTE);
        overlay.replicate(TICK);
        simulation.runFor(2 * MINUTE);
    }

    @Test
    void viewsRecordedAnywhereReachEveryResponsibleNodeWhichAllHoldTheSameWindow() {
        recordViews(overlay.nodes(), 300);
        simulation.runFor(MINUTE);

        assertEveryResponsibleNodeCountsEverything();
    }

    @Test
    void viewsRecordedOnBothSidesOfAPartitionAreAllCountedAfterTheHeal() {
        var hosts = overlay.nodes().stream().map(SimulatedOverlay.Node::host).toList();
        overlay.network().partition(1, hosts.subList(0, NODES / 2));
        simulation.runFor(MINUTE);
        recordViews(overlay.nodes().subList(0, NODES / 2), 200);
        recordViews(overlay.nodes().subList(NODES / 2, NODES), 200);
        simulation.runFor(10 * MINUTE);
        overlay.network().heal();
        simulation.runFor(15 * MINUTE);

        assertEveryResponsibleNodeCountsEverything();
    }

    /** {@code count} views, each at a random one of {@code at}, of a random content, from a random one of 50 devices. */
    private void recordViews(List<SimulatedOverlay.Node> at, int count) {
        for (int i = 0; i < count; i++) {
            var node = at.get(simulation.random().nextInt(at.size()));
            ContentId content = contents.get(simulation.random().nextInt(CONTENTS));
            String device = "device " + simulation.random().nextInt(50);
            byte[] salt = device.getBytes(StandardCharsets.UTF_8);
            devices.computeIfAbsent(content, c -> new HashSet<>()).add(device);
            long watch = simulation.random().nextInt(600);
            boolean completed = simulation.random().nextBoolean();
            node.views().recordView(content, new View(salt, watch, 1_000 * watch, completed));
            long[] sums = recorded.get(content);
            sums[0]++;
            sums[1] += watch;
            sums[2] += completed ? 1 : 0;
            simulation.runFor(100);
        }
    }

    private HyperLogLog uniquesOf(ContentId content) {
        HyperLogLog sketch = HyperLogLog.empty();
        for (String device : devices.get(content)) {
            sketch = sketch.add(ViewMetrics.viewId(content, device.getBytes(StandardCharsets.UTF_8)));
        }
        return sketch;
    }

    private void assertEveryResponsibleNodeCountsEverything() {
        PlacementView truth = overlay.view(overlay.nodes().getFirst());
        long window = MetricKey.containing(
                        contents.getFirst(), simulation.epochSecond(), MetricsConfig.DEFAULT.windowSeconds())
                .windowStart();
        for (ContentId content : contents) {
            long[] sums = recorded.get(content);
            MetricState first = null;
            for (NodeId responsible : truth.responsible(content)) {
                MetricState state = node(responsible)
                        .dht()
                        .get(new MetricKey(content, window))
                        .map(r -> (MetricState) r.value())
                        .orElseThrow(() -> new AssertionError("no window of " + content + " at " + responsible));
                assertThat(state.views().value())
                        .as("views of %s at %s", content, responsible)
                        .isEqualTo(sums[0]);
                assertThat(state.watchTimeSeconds().value()).isEqualTo(sums[1]);
                assertThat(state.completions().value()).isEqualTo(sums[2]);
                // No device lost or invented: the same sketch as one fed every device directly (an estimate of the
                // true count could be off by a register collision, 3% at 35 devices).
                assertThat(state.uniques()).as("uniques of %s", content).isEqualTo(uniquesOf(content));
                if (first == null) {
                    first = state;
                } else {
                    assertThat(state)
                            .as("window of %s at %s", content, responsible)
                            .isEqualTo(first);
                }
            }
        }
    }

    private SimulatedOverlay.Node node(NodeId id) {
        return overlay.nodes().stream()
                .filter(n -> n.id().equals(id))
                .findFirst()
                .orElseThrow();
    }
}
