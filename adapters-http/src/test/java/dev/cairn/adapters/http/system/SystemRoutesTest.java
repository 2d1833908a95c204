package dev.cairn.adapters.http.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.adapters.http.server.CairnHttpServer;
import dev.cairn.adapters.http.server.HttpServerConfig;
import dev.cairn.adapters.http.server.TestHttp;
import dev.cairn.core.id.NodeIdentity;
import dev.cairn.core.port.ManualClock;
import dev.cairn.core.port.RandomBytes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SystemRoutesTest {
    private static final long STARTED = 1_764_090_000_000L;
    private static final NodeIdentity IDENTITY = NodeIdentity.fromSeed(new byte[32]);

    private final ManualClock clock = new ManualClock(STARTED);
    private final AtomicBoolean databaseUp = new AtomicBoolean(true);
    private final CountDownLatch never = new CountDownLatch(1);
    private CairnHttpServer server;

    @AfterEach
    void stop() {
        never.countDown();
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void versionSaysAliveWithSoftwareProtocolNodeIdAndUptime() {
        var http = start(List.of());
        clock.advance(Duration.ofSeconds(90));

        JsonNode body = TestHttp.json(http.get("/api/system.version"));

        assertThat(body.get("status").asText()).isEqualTo("ok");
        assertThat(body.get("software_version").asText()).isEqualTo("cairn/0.1.0");
        assertThat(body.get("protocol_version").asText()).isEqualTo("v1");
        assertThat(body.get("node_id").asText()).isEqualTo(IDENTITY.nodeId().hex());
        assertThat(body.get("started_at_millis").asLong()).isEqualTo(STARTED);
        assertThat(body.get("uptime_seconds").asLong()).isEqualTo(90);
    }

    @Test
    void readyIs200WhenEveryCheckPasses() {
        var http = start(List.of(database(), new ReadinessCheck("blob_store", () -> {})));

        var response = http.get("/api/system.ready");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = TestHttp.json(response);
        assertThat(body.get("ready").asBoolean()).isTrue();
        assertThat(body.get("checks").get("database").asText()).isEqualTo("ok");
        assertThat(body.get("checks").get("blob_store").asText()).isEqualTo("ok");
    }

    @Test
    void readyIs503NamingTheFailedCheckButNotItsReason() {
        var http = start(List.of(database(), new ReadinessCheck("blob_store", () -> {})));
        databaseUp.set(false);

        var response = http.get("/api/system.ready");

        assertThat(response.statusCode()).isEqualTo(503);
        JsonNode body = TestHttp.json(response);
        assertThat(body.get("code").asText()).isEqualTo("not_ready");
        assertThat(body.get("message").asText())
                .contains("database")
                .doesNotContain("blob_store")
                .doesNotContain("connection refused");
    }

    @Test
    void aCheckThatNeverAnswersFailsAtItsTimeout() {
        var http = start(List.of(new ReadinessCheck("stuck", never::await)));

        var response = http.get("/api/system.ready");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(TestHttp.json(response).get("message").asText()).contains("stuck");
    }

    @Test
    void checkNamesAreLowerSnakeCaseAndDistinct() {
        assertThatThrownBy(() -> new ReadinessCheck("Data Base", () -> {})).hasMessageContaining("'Data Base'");
        assertThatThrownBy(() ->
                        new SystemRoutes(description(), clock, List.of(database(), database()), Duration.ofSeconds(1)))
                .hasMessageContaining("distinct");
    }

    private ReadinessCheck database() {
        return new ReadinessCheck("database", () -> {
            if (!databaseUp.get()) {
                throw new IllegalStateException("connection refused");
            }
        });
    }

    private static NodeDescription description() {
        return new NodeDescription("cairn/0.1.0", IDENTITY.nodeId(), STARTED);
    }

    private TestHttp start(List<ReadinessCheck> checks) {
        var routes = new SystemRoutes(description(), clock, checks, Duration.ofMillis(200));
        server = CairnHttpServer.create(
                        HttpServerConfig.loopbackEphemeral(),
                        new SimpleMeterRegistry(),
                        RandomBytes.secure(),
                        List.of(routes))
                .start();
        return new TestHttp(server.port());
    }
}
