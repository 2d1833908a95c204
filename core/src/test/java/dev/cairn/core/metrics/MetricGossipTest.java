package dev.cairn.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.dht.DhtRecord;
import dev.cairn.core.dht.InMemoryRecordStore;
import dev.cairn.core.dht.LocalDht;
import dev.cairn.core.dht.MetricKey;
import dev.cairn.core.dht.MetricState;
import dev.cairn.core.dht.RecordValueCodec;
import dev.cairn.core.hash.Blake3;
import dev.cairn.core.hash.Digest256;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.id.NodeId;
import dev.cairn.core.id.NodeIdentity;
import dev.cairn.core.port.ManualClock;
import dev.cairn.core.port.OverlayMetrics;
import dev.cairn.core.replication.Candidate;
import dev.cairn.core.replication.PlacementView;
import dev.cairn.core.replication.ReplicationConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Queue;
import org.junit.jupiter.api.Test;

/** The push-until-acknowledged protocol of metric windows between three responsible nodes, message by message. */
class MetricGossipTest {
    static final long HOUR_START = 1_764_090_000L - 1_764_090_000L % 3600;
    static final ContentId CONTENT = new ContentId(Digest256.blake3("song".getBytes(StandardCharsets.UTF_8)));

    record Message(NodeId from, NodeId to, MetricMessage message) {}

    record Node(NodeIdentity identity, LocalDht dht, ViewMetrics views, MetricGossip gossip) {}

    final ManualClock clock = new ManualClock(HOUR_START * 1000 + 5_000);
    final Queue<Message> inFlight = new ArrayDeque<>();
    final Map<NodeId, Node> nodes = new HashMap<>();
    final List<Node> order = new ArrayList<>();
    PlacementView view;

    MetricGossipTest() {
        var candidates = new ArrayList<Candidate>();
        for (int i = 0; i < 3; i++) {
            var identity = NodeIdentity.fromSeed(Blake3.hash(("g" + i).getBytes(StandardCharsets.UTF_8)));
            var dht = new LocalDht(identity, clock, new InMemoryRecordStore(), RecordValueCodec.standard());
            NodeId id = identity.nodeId();
            var gossip = new MetricGossip(
                    id,
                    dht,
                    (to, m) -> inFlight.add(new Message(id, to, m)),
                    clock,
                    RecordValueCodec.standard(),
                    MetricGossip.DEFAULT_RETENTION_SECONDS);
            var views = new ViewMetrics(id, dht, clock, OverlayMetrics.NONE, MetricsConfig.DEFAULT, gossip::changed);
            var node = new Node(identity, dht, views, gossip);
            nodes.put(id, node);
            order.add(node);
            candidates.add(new Candidate(id, OptionalInt.of(10 + i), OptionalLong.of(64_500 + i)));
        }
        // Three nodes, R_target 3: everyone is responsible for everything.
        view = new PlacementView(candidates, 3, ReplicationConfig.defaults());
    }

    static View view(int device, long seconds) {
        return new View(("device-" + device).getBytes(StandardCharsets.UTF_8), seconds, seconds * 1000, true);
    }

    void tickAll() {
        order.forEach(n -> n.gossip().tick(view));
    }

    /** Delivers messages, including the answers they cause, until none is left; returns how many were delivered. */
    int deliverAll() {
        int delivered = 0;
        while (!inFlight.isEmpty()) {
            Message m = inFlight.remove();
            nodes.get(m.to()).gossip().receive(m.from(), m.message());
            delivered++;
        }
        return delivered;
    }

    MetricState window(Node node) {
        return node.dht()
                .get(new MetricKey(CONTENT, HOUR_START))
                .map(r -> (MetricState) r.value())
                .orElseThrow();
    }

    @Test
    void aViewRecordedAtOneNodeReachesTheOthersAndThenTheNodesFallSilent() {
        order.getFirst().views().recordView(CONTENT, view(1, 30));
        tickAll();
        deliverAll();

        for (Node node : order) {
            assertThat(window(node).views().value()).isEqualTo(1);
            assertThat(window(node).watchTimeSeconds().value()).isEqualTo(30);
        }
        // The two receivers do not know yet that each other holds the window: one more exchange tells them.
        tickAll();
        assertThat(deliverAll()).isEqualTo(4);
        tickAll();
        assertThat(inFlight)
                .as("messages once every node acknowledged the window")
                .isEmpty();
    }

    @Test
    void aRoundWhoseMessagesAreAllLostIsRepeatedUntilAcknowledged() {
        order.getFirst().views().recordView(CONTENT, view(1, 30));
        tickAll();
        assertThat(inFlight).hasSize(2);
        inFlight.clear();
        tickAll();
        deliverAll();

        for (Node node : order) {
            assertThat(window(node).views().value()).isEqualTo(1);
        }
    }

    @Test
    void lostAcknowledgementsCauseAResendButNoDoubleCount() {
        order.getFirst().views().recordView(CONTENT, view(1, 30));
        tickAll();
        Message first = inFlight.remove();
        nodes.get(first.to()).gossip().receive(first.from(), first.message());
        inFlight.removeIf(m -> m.message() instanceof MetricMessage.Ack);
        tickAll();
        deliverAll();
        tickAll();
        deliverAll();

        for (Node node : order) {
            assertThat(window(node).views().value()).isEqualTo(1);
        }
        tickAll();
        assertThat(inFlight).isEmpty();
    }

    @Test
    void viewsRecordedConcurrentlyAtEveryNodeConvergeToTheirSum() {
        for (int i = 0; i < 3; i++) {
            order.get(i).views().recordView(CONTENT, view(i, 10 * (i + 1)));
            order.get(i).views().recordView(CONTENT, view(9, 1));
        }
        for (int round = 0; round < 3; round++) {
            tickAll();
            deliverAll();
        }

        MetricState first = window(order.getFirst());
        assertThat(first.views().value()).isEqualTo(6);
        assertThat(first.watchTimeSeconds().value()).isEqualTo(10 + 20 + 30 + 3);
        assertThat(first.uniques().estimate()).isBetween(3.9, 4.1);
        for (Node node : order) {
            assertThat(window(node)).isEqualTo(first);
        }
        tickAll();
        assertThat(inFlight).isEmpty();
    }

    @Test
    void aForgedWindowIsNeitherMergedNorAnswered() {
        Node sender = order.get(0);
        Node receiver = order.get(1);
        DhtRecord genuine = sender.views().recordView(CONTENT, view(1, 30));
        var forged = new DhtRecord(
                genuine.key(),
                ((MetricState) genuine.value()).recordView(sender.identity().nodeId(), new byte[32], 99, 0, false),
                genuine.dominance(),
                genuine.signer(),
                genuine.signature());

        receiver.gossip().receive(sender.identity().nodeId(), new MetricMessage.Window(forged));

        assertThat(receiver.dht().get(genuine.key())).isEmpty();
        assertThat(inFlight).isEmpty();
    }

    @Test
    void windowsOlderThanTheRetentionAreNoLongerPushed() {
        order.getFirst().views().recordView(CONTENT, view(1, 30));
        clock.advance(Duration.ofSeconds(MetricGossip.DEFAULT_RETENTION_SECONDS + 3600));
        tickAll();

        assertThat(inFlight).isEmpty();
        assertThat(order.getFirst().gossip().tracked()).isZero();
    }
}
