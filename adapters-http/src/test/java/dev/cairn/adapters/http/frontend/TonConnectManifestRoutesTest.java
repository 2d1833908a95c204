package dev.cairn.adapters.http.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.adapters.http.metrics.PrometheusMetrics;
import dev.cairn.adapters.http.server.CairnHttpServer;
import dev.cairn.adapters.http.server.HttpServerConfig;
import dev.cairn.adapters.http.server.Routes;
import dev.cairn.adapters.http.server.TestHttp;
import dev.cairn.core.port.RandomBytes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The TON Connect manifest and its icon over loopback. */
class TonConnectManifestRoutesTest {
    private PrometheusMetrics metrics;
    private CairnHttpServer server;
    private TestHttp http;

    private void serve(Optional<URI> publicUrl) {
        metrics = new PrometheusMetrics();
        server = CairnHttpServer.create(
                        HttpServerConfig.loopbackEphemeral(),
                        metrics.registry(),
                        RandomBytes.secure(),
                        List.<Routes>of(new TonConnectManifestRoutes(publicUrl)))
                .start();
        http = new TestHttp(server.port());
    }

    @AfterEach
    void stop() {
        server.close();
        metrics.close();
    }

    @Test
    void withoutAPublicUrlTheManifestNamesTheOriginAsked() {
        serve(Optional.empty());
        JsonNode manifest = TestHttp.json(http.get(TonConnectManifestRoutes.MANIFEST));
        String origin = "http://127.0.0.1:" + server.port();
        assertThat(manifest.get("url").asText()).isEqualTo(origin);
        assertThat(manifest.get("name").asText()).isEqualTo("Cairn");
        assertThat(manifest.get("iconUrl").asText()).isEqualTo(origin + "/icon.png");
    }

    @Test
    void withAPublicUrlTheManifestNamesIt() {
        serve(Optional.of(URI.create("https://node.example/")));
        JsonNode manifest = TestHttp.json(http.get(TonConnectManifestRoutes.MANIFEST));
        assertThat(manifest.get("url").asText()).isEqualTo("https://node.example");
        assertThat(manifest.get("iconUrl").asText()).isEqualTo("https://node.example/icon.png");
    }

    @Test
    void theIconIsA180PixelPng() throws IOException, InterruptedException {
        serve(Optional.empty());
        HttpResponse<byte[]> icon = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(http.uri("/icon.png")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(icon.statusCode()).isEqualTo(200);
        assertThat(icon.headers().firstValue("Content-Type")).contains("image/png");
        var image = ImageIO.read(new ByteArrayInputStream(icon.body()));
        assertThat(image.getWidth()).isEqualTo(180);
        assertThat(image.getHeight()).isEqualTo(180);
    }
}
