package dev.cairn.adapters.http.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.adapters.http.metrics.PrometheusMetrics;
import dev.cairn.adapters.http.server.CairnHttpServer;
import dev.cairn.adapters.http.server.HttpServerConfig;
import dev.cairn.adapters.http.server.Routes;
import dev.cairn.adapters.http.server.TestHttp;
import dev.cairn.core.port.RandomBytes;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The webhook route over loopback: the bot named by the path gets the secret header and the body as sent. */
class TelegramWebhookRoutesTest {
    private final List<String> received = new CopyOnWriteArrayList<>();
    private PrometheusMetrics metrics;
    private CairnHttpServer server;
    private TestHttp http;

    @BeforeEach
    void start() {
        TelegramWebhookRoutes.Receiver bot = (secret, body) -> {
            if (!secret.equals("right-secret-0123")) {
                return 401;
            }
            if (!body.startsWith("{")) {
                return 400;
            }
            received.add(body);
            return 200;
        };
        metrics = new PrometheusMetrics();
        server = CairnHttpServer.create(
                        HttpServerConfig.loopbackEphemeral(),
                        metrics.registry(),
                        RandomBytes.secure(),
                        List.<Routes>of(new TelegramWebhookRoutes(Map.of("42", bot))))
                .start();
        http = new TestHttp(server.port());
    }

    @AfterEach
    void stop() {
        server.close();
        metrics.close();
    }

    private HttpResponse<String> push(String bot, String secret, String body) {
        var request = HttpRequest.newBuilder(http.uri("/api/v1/telegram.webhook/" + bot))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (secret != null) {
            request.header(TelegramWebhookRoutes.SECRET_HEADER, secret);
        }
        return http.send(request.build());
    }

    @Test
    void anUpdateWithTheRightSecretReachesItsBot() {
        var response = push("42", "right-secret-0123", "{\"update_id\":1}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(received).containsExactly("{\"update_id\":1}");
    }

    @Test
    void aWrongOrMissingSecretAnUnreadableBodyAndAnUnknownBotAreRefused() {
        assertThat(push("42", "wrong", "{}").statusCode()).isEqualTo(401);
        assertThat(push("42", null, "{}").statusCode()).isEqualTo(401);
        assertThat(TestHttp.json(push("42", "right-secret-0123", "nope"))
                        .get("code")
                        .asText())
                .isEqualTo("malformed_update");
        assertThat(TestHttp.json(push("7", "right-secret-0123", "{}"))
                        .get("code")
                        .asText())
                .isEqualTo("unknown_bot");
        assertThat(received).isEmpty();
    }
}
