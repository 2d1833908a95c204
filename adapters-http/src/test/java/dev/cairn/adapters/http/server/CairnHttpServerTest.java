package dev.cairn.adapters.http.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.port.RandomBytes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class CairnHttpServerTest {

    @Test
    void portZeroBindsAFreePortAndReportsIt() {
        try (var server = server(List.of(routes -> routes.get("/hello", ctx -> ctx.result("hi"))))
                .start()) {
            assertThat(server.port()).isPositive();
            assertThat(new TestHttp(server.port()).get("/hello").body()).isEqualTo("hi");
        }
    }

    @Test
    void handlersRunOnVirtualThreads() {
        Routes routes = r -> r.get(
                "/thread",
                ctx -> ctx.result(String.valueOf(Thread.currentThread().isVirtual())));
        try (var server = server(List.of(routes)).start()) {
            assertThat(new TestHttp(server.port()).get("/thread").body()).isEqualTo("true");
        }
    }

    @Test
    void routeGroupsAreAllRegisteredAndListed() {
        Routes first = r -> r.get("/a", ctx -> ctx.result("a"));
        Routes second = r -> r.post("/b/{id}", ctx -> ctx.result("b"));

        try (var server = server(List.of(first, second))) {
            assertThat(server.routes()).containsExactly(new RouteSpec("GET", "/a"), new RouteSpec("POST", "/b/{id}"));
        }
    }

    @Test
    void stopLetsARequestInFlightFinishAndThenRefusesConnections() throws Exception {
        var entered = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        Routes slow = r -> r.get("/slow", ctx -> {
            entered.countDown();
            release.await();
            ctx.result("finished");
        });
        var server = CairnHttpServer.create(
                        HttpServerConfig.loopbackEphemeral().withStopTimeout(HttpServerConfig.DEFAULT_STOP_TIMEOUT),
                        new SimpleMeterRegistry(),
                        RandomBytes.secure(),
                        List.of(slow))
                .start();
        var http = new TestHttp(server.port());

        CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture.supplyAsync(() -> http.get("/slow"));
        entered.await();
        var stopping = CompletableFuture.runAsync(server::stop);
        // The stop cannot complete while the request holds it; releasing the request lets both finish.
        assertThat(stopping).isNotDone();
        release.countDown();

        assertThat(inFlight.join().statusCode()).isEqualTo(200);
        assertThat(inFlight.join().body()).isEqualTo("finished");
        stopping.join();
        assertThatThrownBy(() -> http.get("/slow"))
                .isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(ConnectException.class);
    }

    @Test
    void aBadConfigurationNamesTheSettingAndValue() {
        assertThatThrownBy(() -> HttpServerConfig.onPort(70_000))
                .hasMessageContaining("HTTP_PORT")
                .hasMessageContaining("70000");
        assertThatThrownBy(() -> HttpServerConfig.onPort(8080).withMaxRequestBytes(10))
                .hasMessageContaining("HTTP_MAX_REQUEST_BYTES")
                .hasMessageContaining("10");
    }

    private static CairnHttpServer server(List<Routes> routes) {
        return CairnHttpServer.create(
                HttpServerConfig.loopbackEphemeral(), new SimpleMeterRegistry(), RandomBytes.secure(), routes);
    }
}
