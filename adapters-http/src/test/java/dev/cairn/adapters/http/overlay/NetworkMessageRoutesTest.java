package dev.cairn.adapters.http.overlay;

import static dev.cairn.adapters.http.overlay.OverlayFixtures.ALICE;
import static dev.cairn.adapters.http.overlay.OverlayFixtures.BOB;
import static dev.cairn.adapters.http.overlay.OverlayFixtures.CAROL;
import static dev.cairn.adapters.http.overlay.OverlayFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.hash.Digest256;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.id.NodeId;
import dev.cairn.core.metrics.MetricMessage;
import dev.cairn.core.port.ManualClock;
import dev.cairn.core.port.RandomBytes;
import dev.cairn.core.replication.ReplicationMessage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The message route and the sender together, over real HTTP on loopback. */
class NetworkMessageRoutesTest {
    private static final ContentId CONTENT = ContentId.ofBlob("routes test".getBytes(StandardCharsets.UTF_8));

    private final ManualClock clock = new ManualClock(T0);
    private final RecordingInbox inbox = new RecordingInbox();
    private final SimpleMeterRegistry bobMetrics = new SimpleMeterRegistry();
    private final SimpleMeterRegistry aliceMetrics = new SimpleMeterRegistry();
    private final HttpClient client = PeerHttpClients.create(Duration.ofSeconds(5), true);
    private LoopbackServer bob;
    private HttpOverlaySender alice;

    @BeforeEach
    void startBob() {
        var verifier = new OverlayVerifier(
                BOB.nodeId(), clock, id -> !id.equals(CAROL.nodeId()), OverlayVerifier.Settings.DEFAULT);
        bob = LoopbackServer.start(new NetworkMessageRoutes(verifier, inbox, bobMetrics)::register);
        alice = sender(Map.of(BOB.nodeId(), bob.uri()), HttpOverlaySender.Settings.DEFAULT);
    }

    @AfterEach
    void stop() {
        alice.close();
        bob.close();
    }

    @Test
    void replicationAndMetricMessagesReachThePeersInboxWithTheirSender() throws InterruptedException {
        var ack = new MetricMessage.Ack(
                (dev.cairn.core.dht.MetricKey) OverlayFixtures.metricRecord().key(), Digest256.blake3(new byte[0]));
        var heartbeat = new ReplicationMessage.LeaderHeartbeat(OverlayFixtures.metaRecord());

        alice.send(BOB.nodeId(), heartbeat);
        alice.send(BOB.nodeId(), ack);

        assertThat(inbox.take()).isEqualTo(new RecordingInbox.Delivery(ALICE.nodeId(), heartbeat));
        assertThat(inbox.take()).isEqualTo(new RecordingInbox.Delivery(ALICE.nodeId(), ack));
        Eventually.await("two messages counted as delivered", () -> sent("delivered") == 2);
        assertThat(bobMetrics
                        .counter("overlay.messages.received", "outcome", "accepted")
                        .count())
                .isEqualTo(2);
    }

    @Test
    void aReplayedEnvelopeIsAcceptedOnceThenRefusedWith409() throws Exception {
        byte[] envelope = envelopeFrom(ALICE);

        assertThat(post(envelope).statusCode()).isEqualTo(202);
        var replay = post(envelope);

        assertThat(replay.statusCode()).isEqualTo(409);
        assertThat(replay.body()).startsWith("nonce_replayed: ");
        assertThat(inbox.size()).isEqualTo(1);
        assertThat(bobMetrics
                        .counter("overlay.messages.received", "outcome", "nonce_replayed")
                        .count())
                .isEqualTo(1);
    }

    @Test
    void refusalsCarryTheirOwnCodeAndStatus() throws Exception {
        assertThat(post("not json".getBytes(StandardCharsets.UTF_8)))
                .satisfies(r -> assertThat(r.statusCode()).isEqualTo(400))
                .satisfies(r -> assertThat(r.body()).startsWith("malformed_json: "));
        assertThat(post(new byte[(1 << 20) + 1]))
                .satisfies(r -> assertThat(r.statusCode()).isEqualTo(413))
                .satisfies(r -> assertThat(r.body()).startsWith("payload_too_large: "));
        assertThat(post(envelopeFrom(CAROL)))
                .satisfies(r -> assertThat(r.statusCode()).isEqualTo(403))
                .satisfies(r -> assertThat(r.body())
                        .startsWith("unknown_sender: ")
                        .contains(CAROL.nodeId().hex()));
        assertThat(inbox.size()).isZero();
    }

    @Test
    void anInboxThatRefusesAMessageAnswers422() throws Exception {
        OverlayInbox refusing = new OverlayInbox() {
            @Override
            public void replication(NodeId from, ReplicationMessage message) {
                throw new IllegalArgumentException("content " + message.content() + " is not ours");
            }

            @Override
            public void metric(NodeId from, MetricMessage message) {}
        };
        var verifier = new OverlayVerifier(BOB.nodeId(), clock, id -> true, OverlayVerifier.Settings.DEFAULT);
        try (var strict = LoopbackServer.start(new NetworkMessageRoutes(verifier, refusing, bobMetrics)::register)) {
            var response = post(strict.uri(), envelopeFrom(ALICE));

            assertThat(response.statusCode()).isEqualTo(422);
            assertThat(response.body()).startsWith("message_refused: ").contains(CONTENT.hex());
        }
    }

    @Test
    void aFullPeerQueueDropsAndCountsWithoutBlockingTheCaller() throws Exception {
        try (var stalled = new StalledPeer();
                var sender = sender(
                        Map.of(BOB.nodeId(), stalled.uri()),
                        new HttpOverlaySender.Settings(2, Duration.ofMinutes(1)))) {
            sender.send(BOB.nodeId(), new ReplicationMessage.Announce(CONTENT));
            stalled.awaitArrivals(1);

            // The first message is in flight and held by the peer; two more fit in the queue, three do not.
            for (int i = 0; i < 5; i++) {
                sender.send(BOB.nodeId(), new ReplicationMessage.HolderHeartbeat(CONTENT));
            }

            assertThat(sent("dropped")).isEqualTo(3);
            stalled.release();
            stalled.awaitArrivals(2);
            Eventually.await("three delivered", () -> sent("delivered") == 3);
        }
    }

    @Test
    void aPeerWithoutAnAddressIsCountedAsUnresolved() throws InterruptedException {
        alice.send(CAROL.nodeId(), new ReplicationMessage.Release(CONTENT));

        Eventually.await("one unresolved", () -> sent("unresolved") == 1);
        assertThat(inbox.size()).isZero();
    }

    @Test
    void anEndpointKeepsThePathPrefixOfItsPeer() {
        assertThat(HttpOverlaySender.endpoint(URI.create("https://node.test:8443/cairn/"), NetworkMessageRoutes.PATH))
                .isEqualTo(URI.create("https://node.test:8443/cairn/api/v1/network.message"));
    }

    private HttpOverlaySender sender(Map<NodeId, URI> peers, HttpOverlaySender.Settings settings) {
        return new HttpOverlaySender(
                ALICE,
                id -> Optional.ofNullable(peers.get(id)),
                client,
                clock,
                RandomBytes.secure(),
                settings,
                aliceMetrics);
    }

    private double sent(String outcome) {
        return aliceMetrics.counter("overlay.messages.sent", "outcome", outcome).count();
    }

    private static byte[] envelopeFrom(dev.cairn.core.id.NodeIdentity sender) {
        return OverlayEnvelope.sign(
                        sender,
                        BOB.nodeId(),
                        "0123456789abcdef0123456789abcdef",
                        T0,
                        OverlayMessage.of(new ReplicationMessage.Announce(CONTENT)))
                .toBytes();
    }

    private HttpResponse<String> post(byte[] body) throws Exception {
        return post(bob.uri(), body);
    }

    private HttpResponse<String> post(URI base, byte[] body) throws Exception {
        var request = HttpRequest.newBuilder(HttpOverlaySender.endpoint(base, NetworkMessageRoutes.PATH))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/json")
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
