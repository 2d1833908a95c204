package dev.cairn.adapters.http.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.adapters.http.server.CairnHttpServer;
import dev.cairn.adapters.http.server.HttpServerConfig;
import dev.cairn.adapters.http.server.Routes;
import dev.cairn.core.id.NodeIdentity;
import dev.cairn.core.membership.HandshakeMetrics;
import dev.cairn.core.membership.HandshakeRejectedException;
import dev.cairn.core.membership.HandshakeRequest;
import dev.cairn.core.membership.NodeInfo;
import dev.cairn.core.membership.Privacy;
import dev.cairn.core.membership.RejectionReason;
import dev.cairn.core.port.RandomBytes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The transport against fake peers that speak real HTTP on loopback. */
class HttpPeerTransportTest {
    private static final NodeIdentity KEY = NodeIdentity.fromSeed(new byte[32]);

    private final HttpPeerTransport transport =
            new HttpPeerTransport(PeerTransportConfig.DEFAULTS.withMaxResponseBytes(1024));

    @Test
    void theEndpointKeepsThePeersPathPrefix() {
        assertThat(HttpPeerTransport.endpoint(URI.create("https://peer.test")))
                .isEqualTo(URI.create("https://peer.test/api/v1/network.handshake"));
        assertThat(HttpPeerTransport.endpoint(URI.create("http://peer.test:8080/cairn/")))
                .isEqualTo(URI.create("http://peer.test:8080/cairn/api/v1/network.handshake"));
        assertThatThrownBy(() -> HttpPeerTransport.endpoint(URI.create("ftp://peer.test")))
                .hasMessageContaining("ftp://peer.test");
    }

    @Test
    void aResponseLongerThanTheBoundIsRefused() {
        withPeer(
                ctx -> ctx.result("x".repeat(1_000_000)),
                peer -> assertThatThrownBy(() -> transport.handshake(peer, request()))
                        .isInstanceOf(IOException.class)
                        .hasMessageContaining(peer.toString())
                        .hasMessageContaining("longer than 1024 bytes"));
    }

    @Test
    void aResponseThatIsNotJsonIsMalformed() {
        withPeer(
                ctx -> ctx.result("<html>hello</html>"),
                peer -> assertThatThrownBy(() -> transport.handshake(peer, request()))
                        .isInstanceOfSatisfying(
                                HandshakeRejectedException.class,
                                e -> assertThat(e.reason()).isEqualTo(RejectionReason.MALFORMED)));
    }

    @Test
    void anErrorWithoutAnErrorBodyStillNamesPeerAndStatus() {
        withPeer(
                ctx -> ctx.status(502).result("bad gateway"),
                peer -> assertThatThrownBy(() -> transport.handshake(peer, request()))
                        .isInstanceOfSatisfying(PeerRefusedException.class, e -> {
                            assertThat(e.status()).isEqualTo(502);
                            assertThat(e.code()).isEmpty();
                            assertThat(e.getMessage())
                                    .contains(peer.toString())
                                    .contains("502")
                                    .contains("bad gateway");
                        }));
    }

    @Test
    void aPeerThatIsNotListeningIsAnIoExceptionNamingIt() throws IOException {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        URI peer = URI.create("http://127.0.0.1:" + port);

        assertThatThrownBy(() -> transport.handshake(peer, request()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(peer.toString());
    }

    private interface PeerCheck {
        void check(URI peer) throws Exception;
    }

    private static void withPeer(io.javalin.http.Handler handler, PeerCheck check) {
        Routes fake = r -> r.post(HandshakeRoutes.PATH, handler);
        try (var server = CairnHttpServer.create(
                        HttpServerConfig.loopbackEphemeral(),
                        new SimpleMeterRegistry(),
                        RandomBytes.secure(),
                        List.of(fake))
                .start()) {
            check.check(URI.create("http://127.0.0.1:" + server.port()));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static HandshakeRequest request() {
        var info = new NodeInfo(
                KEY.nodeId(),
                KEY.publicKey(),
                Optional.empty(),
                Privacy.PRIVATE,
                List.of(),
                "cairn/test",
                Optional.empty());
        return HandshakeRequest.sign(
                KEY, info, new HandshakeMetrics(1, 0), List.of(), "00112233445566778899aabbccddeeff", 1_000L);
    }
}
