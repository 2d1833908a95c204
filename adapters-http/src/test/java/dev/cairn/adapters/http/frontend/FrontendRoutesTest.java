package dev.cairn.adapters.http.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.adapters.http.metrics.PrometheusMetrics;
import dev.cairn.adapters.http.server.CairnHttpServer;
import dev.cairn.adapters.http.server.HttpServerConfig;
import dev.cairn.adapters.http.server.Routes;
import dev.cairn.adapters.http.server.TestHttp;
import dev.cairn.core.port.RandomBytes;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Mini App's routes over loopback, serving a fake built app from this test's class path folder. */
class FrontendRoutesTest {
    private static final String FAKE_APP = "dev/cairn/adapters/http/frontend/app/";

    private PrometheusMetrics metrics;
    private CairnHttpServer server;
    private TestHttp http;

    private void serve(FrontendRoutes frontend) {
        metrics = new PrometheusMetrics();
        server = CairnHttpServer.create(
                        HttpServerConfig.loopbackEphemeral(),
                        metrics.registry(),
                        RandomBytes.secure(),
                        List.<Routes>of(frontend))
                .start();
        http = new TestHttp(server.port());
    }

    private void serveFakeApp() {
        serve(new FrontendRoutes(getClass().getClassLoader(), FAKE_APP));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
            metrics.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/upload", "/mine", "/content/" + "ab12"})
    void theAppAndItsClientSideRoutesAnswerTheUncachedIndex(String path) {
        serveFakeApp();

        var response = http.get(path);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("<title>fake app</title>");
        assertThat(mediaType(response)).isEqualTo("text/html;charset=utf-8");
        assertThat(header(response, "Cache-Control")).isEqualTo("no-cache");
    }

    @Test
    void hashedAssetsAreImmutableForAYearWithTheirContentType() {
        serveFakeApp();

        var script = http.get("/assets/index-AbC123.js");
        var style = http.get("/assets/index-AbC123.css");

        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.body()).isEqualTo("console.log(\"fake app\");\n");
        assertThat(mediaType(script)).isEqualTo("text/javascript;charset=utf-8");
        assertThat(header(script, "Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
        assertThat(header(script, "X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(mediaType(style)).isEqualTo("text/css;charset=utf-8");
    }

    @Test
    void anUnknownAssetIsAJson404() {
        serveFakeApp();

        var response = http.get("/assets/index-missing.js");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(TestHttp.json(response).get("code").asText()).isEqualTo("asset_not_found");
        assertThat(header(response, "Cache-Control")).isNull();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/assets/..%2Fsecret.txt",
                "/assets/%2E%2E%2Fsecret.txt",
                "/assets/..%5Csecret.txt",
                "/assets/.hidden",
                "/assets/..",
                "/assets/%2e%2e",
                "/assets/index.html%00.js"
            })
    void noAssetNameReachesAnotherResource(String path) {
        serveFakeApp();

        var response = http.get(path);

        assertThat(response.statusCode()).isIn(400, 404);
        assertThat(response.body()).doesNotContain("TOP-SECRET-CONTENT").doesNotContain("fake app");
    }

    @Test
    void anUnknownApiPathStaysTheApisJson404() {
        serveFakeApp();

        var response = http.get("/api/v1/no.such.route");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(TestHttp.json(response).get("code").asText()).isEqualTo("not_found");
    }

    @Test
    void aNodeBuiltWithoutTheAppSaysSo() {
        var routes = new FrontendRoutes(getClass().getClassLoader(), "dev/cairn/adapters/http/frontend/none/");
        serve(routes);

        var response = http.get("/");

        assertThat(routes.built()).isFalse();
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(TestHttp.json(response).get("code").asText()).isEqualTo("frontend_not_built");
    }

    @Test
    void contentTypesFollowTheExtension() {
        assertThat(FrontendRoutes.contentType("a.SVG")).isEqualTo("image/svg+xml");
        assertThat(FrontendRoutes.contentType("a.woff2")).isEqualTo("font/woff2");
        assertThat(FrontendRoutes.contentType("LICENSE")).isEqualTo("application/octet-stream");
    }

    /** Jetty writes {@code type;charset=...} without the space; compare without spaces. */
    private static String mediaType(HttpResponse<String> response) {
        return header(response, "Content-Type").replace(" ", "");
    }

    private static String header(HttpResponse<String> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }
}
