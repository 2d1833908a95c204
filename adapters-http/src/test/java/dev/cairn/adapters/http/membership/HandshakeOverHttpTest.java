package dev.cairn.adapters.http.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.adapters.http.server.CairnHttpServer;
import dev.cairn.adapters.http.server.HttpServerConfig;
import dev.cairn.adapters.http.server.TestHttp;
import dev.cairn.core.canonical.CanonicalJson;
import dev.cairn.core.id.NodeIdentity;
import dev.cairn.core.membership.HandshakeMetrics;
import dev.cairn.core.membership.HandshakeRequest;
import dev.cairn.core.membership.Member;
import dev.cairn.core.membership.Membership;
import dev.cairn.core.membership.MembershipConfig;
import dev.cairn.core.membership.NodeInfo;
import dev.cairn.core.membership.PeerTransport;
import dev.cairn.core.membership.Privacy;
import dev.cairn.core.port.ManualClock;
import dev.cairn.core.port.RandomBytes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two real {@link Membership}s complete handshakes over real HTTP on loopback, and refuse bad ones. */
class HandshakeOverHttpTest {
    private static final long NOW = 1_764_090_000_000L;

    private final ManualClock clock = new ManualClock(NOW);
    private final NodeIdentity aliceKey = identity(1);
    private final NodeIdentity bobKey = identity(2);
    private final HttpPeerTransport transport = new HttpPeerTransport(PeerTransportConfig.DEFAULTS);
    private final Membership alice = membership(aliceKey, MembershipConfig.DEFAULTS, transport);
    private Membership bob;
    private CairnHttpServer server;
    private URI bobUri;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void twoNodesCompleteAHandshakeOverHttp() throws Exception {
        startBob(MembershipConfig.DEFAULTS, HandshakeRateLimit.DEFAULTS);

        var response = alice.handshakeWith(bobUri);

        assertThat(response.node().nodeId()).isEqualTo(bobKey.nodeId());
        assertThat(alice.members()).extracting(Member::nodeId).containsExactly(bobKey.nodeId());
        assertThat(bob.members()).extracting(Member::nodeId).containsExactly(aliceKey.nodeId());
        assertThat(bob.members().getFirst().address().isLoopbackAddress()).isTrue();
        assertThat(alice.members().getFirst().address().isLoopbackAddress()).isTrue();
    }

    @Test
    void advertisementsTravelOverHttpAndACallerHoldingTheNewestIsSentNone() throws Exception {
        List<String> capable = List.of(Membership.ADVERTISEMENTS_CAPABILITY, "storage");
        startBob(MembershipConfig.DEFAULTS, HandshakeRateLimit.DEFAULTS, capable);
        var carol = membership(identity(3), MembershipConfig.DEFAULTS, transport, capable);

        var first = carol.handshakeWith(bobUri);
        clock.advance(Duration.ofSeconds(5));
        var second = carol.handshakeWith(bobUri);

        assertThat(first.advertisements())
                .singleElement()
                .satisfies(a -> assertThat(a.node().nodeId()).isEqualTo(bobKey.nodeId()));
        // Carol's held_advertisements filter, signed in her request, told Bob she holds his current version.
        assertThat(second.advertisements()).isEmpty();
        assertThat(carol.advertisements()).containsExactlyElementsOf(first.advertisements());
    }

    @Test
    void aReplayedHandshakeIsRefusedAndChangesNothing() throws Exception {
        startBob(MembershipConfig.DEFAULTS, HandshakeRateLimit.DEFAULTS);
        HandshakeRequest request = alice.newHandshake();
        transport.handshake(bobUri, request);
        List<Member> before = bob.members();
        clock.advance(Duration.ofSeconds(1));

        assertThatThrownBy(() -> transport.handshake(bobUri, request))
                .isInstanceOfSatisfying(PeerRefusedException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.code()).isEqualTo("nonce_replayed");
                    assertThat(e.getMessage()).contains(bobUri.toString()).contains("409");
                });
        assertThat(bob.members()).isEqualTo(before);
    }

    @Test
    void aTamperedHandshakeIsRefusedAndChangesNothing() {
        startBob(MembershipConfig.DEFAULTS, HandshakeRateLimit.DEFAULTS);
        HandshakeRequest signed = alice.newHandshake();
        var tampered = new HandshakeRequest(
                signed.node(),
                new HandshakeMetrics(100_000, 1),
                signed.receipts(),
                signed.nonce(),
                signed.ts(),
                signed.signature());

        assertRefused(tampered, 401, "bad_signature");
        assertThat(bob.members()).isEmpty();
    }

    @Test
    void aStaleHandshakeIsRefusedAndChangesNothing() {
        startBob(MembershipConfig.DEFAULTS, HandshakeRateLimit.DEFAULTS);
        var stale = HandshakeRequest.sign(
                aliceKey,
                alice.self(),
                new HandshakeMetrics(1, 0),
                List.of(),
                "00112233445566778899aabbccddeeff",
                NOW - Duration.ofMinutes(10).toMillis());

        assertRefused(stale, 401, "timestamp_out_of_window");
        assertThat(bob.members()).isEmpty();
    }

    @Test
    void aNewNodeBeyondTheMemberCapIsRefusedWith503() throws Exception {
        startBob(withMaxMembers(1), HandshakeRateLimit.DEFAULTS);
        alice.handshakeWith(bobUri);
        Membership carol = membership(identity(3), MembershipConfig.DEFAULTS, transport);

        assertThatThrownBy(() -> carol.handshakeWith(bobUri)).isInstanceOfSatisfying(PeerRefusedException.class, e -> {
            assertThat(e.status()).isEqualTo(503);
            assertThat(e.code()).isEqualTo("membership_full");
        });
        assertThat(bob.members()).extracting(Member::nodeId).containsExactly(aliceKey.nodeId());
    }

    @Test
    void malformedJsonAndAnUnknownSchemaVersionAre400WithTheirOwnCodes() {
        startBob(MembershipConfig.DEFAULTS, HandshakeRateLimit.DEFAULTS);
        var http = new TestHttp(server.port());
        String json = CanonicalJson.encodeToString(alice.newHandshake().toJson());

        var malformed = http.post(HandshakeRoutes.PATH, json.substring(0, json.length() - 1));
        var otherVersion =
                http.post(HandshakeRoutes.PATH, json.replace("\"schema_version\":\"v1\"", "\"schema_version\":\"v2\""));
        var notAnObject = http.post(HandshakeRoutes.PATH, "[1,2]");

        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(TestHttp.json(malformed).get("code").asText()).isEqualTo("malformed_json");
        assertThat(otherVersion.statusCode()).isEqualTo(400);
        assertThat(TestHttp.json(otherVersion).get("code").asText()).isEqualTo("unsupported_schema_version");
        assertThat(TestHttp.json(notAnObject).get("code").asText()).isEqualTo("malformed");
        assertThat(bob.members()).isEmpty();
    }

    @Test
    void aPeerOverItsRateIsRefusedWith429AndRetryAfterUntilTokensRefill() {
        startBob(MembershipConfig.DEFAULTS, new HandshakeRateLimit(0.5, 2, 100));
        var http = new TestHttp(server.port());
        String body = "{}";

        http.post(HandshakeRoutes.PATH, body);
        http.post(HandshakeRoutes.PATH, body);
        var limited = http.post(HandshakeRoutes.PATH, body);

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(TestHttp.json(limited).get("code").asText()).isEqualTo("rate_limited");
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("2");
        clock.advance(Duration.ofSeconds(2));
        assertThat(http.post(HandshakeRoutes.PATH, body).statusCode()).isEqualTo(400);
    }

    private void assertRefused(HandshakeRequest request, int status, String code) {
        assertThatThrownBy(() -> transport.handshake(bobUri, request))
                .isInstanceOfSatisfying(PeerRefusedException.class, e -> {
                    assertThat(e.status()).isEqualTo(status);
                    assertThat(e.code()).isEqualTo(code);
                });
    }

    private void startBob(MembershipConfig config, HandshakeRateLimit limit) {
        startBob(config, limit, List.of("storage"));
    }

    private void startBob(MembershipConfig config, HandshakeRateLimit limit, List<String> capabilities) {
        PeerTransport unused = (peer, request) -> {
            throw new AssertionError("bob only answers in this test");
        };
        bob = membership(bobKey, config, unused, capabilities);
        server = CairnHttpServer.create(
                        HttpServerConfig.loopbackEphemeral(),
                        new SimpleMeterRegistry(),
                        RandomBytes.secure(),
                        List.of(new HandshakeRoutes(bob, new HandshakeRateLimiter(limit, clock))))
                .start();
        bobUri = URI.create("http://127.0.0.1:" + server.port());
    }

    private Membership membership(NodeIdentity key, MembershipConfig config, PeerTransport peers) {
        return membership(key, config, peers, List.of("storage"));
    }

    private Membership membership(
            NodeIdentity key, MembershipConfig config, PeerTransport peers, List<String> capabilities) {
        var info = new NodeInfo(
                key.nodeId(),
                key.publicKey(),
                Optional.of(URI.create("http://node-" + key.nodeId().hex().substring(0, 8) + ".test")),
                Privacy.PUBLIC,
                capabilities,
                "cairn/test",
                Optional.empty());
        return new Membership(key, info, config, clock, RandomBytes.secure(), address -> Optional.empty(), peers);
    }

    private static MembershipConfig withMaxMembers(int max) {
        var d = MembershipConfig.DEFAULTS;
        return new MembershipConfig(
                d.minReceipts(),
                d.minReachability(),
                d.membershipTtl(),
                d.clockSkew(),
                d.replayCacheCapacity(),
                d.maxPendingHandshakes(),
                d.receiptsPerMessage(),
                d.knownNodesPerResponse(),
                max);
    }

    private static NodeIdentity identity(int n) {
        byte[] seed = new byte[32];
        seed[0] = (byte) n;
        return NodeIdentity.fromSeed(seed);
    }
}
