package dev.cairn.adapters.http.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.adapters.http.server.CairnHttpServer;
import dev.cairn.adapters.http.server.HttpServerConfig;
import dev.cairn.adapters.http.server.Routes;
import dev.cairn.adapters.http.server.TestHttp;
import dev.cairn.core.port.RandomBytes;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MetricsTest {
    private final PrometheusMetrics metrics = new PrometheusMetrics();

    @AfterEach
    void close() {
        metrics.close();
    }

    @Test
    void theOverlayMetricsAreExposedUnderTheSpecsNames() {
        var overlay = new MicrometerOverlayMetrics(metrics.registry());
        overlay.replicationGauges(3, 1);
        overlay.leaderChanged();
        overlay.leaderChanged();
        overlay.mergeConflict();
        overlay.viewsRecorded(5);
        overlay.uniqueViewEstimate(4.5);
        overlay.watchTimeRecorded(120);

        List<String> samples = samples(metrics.registry().scrape());

        assertThat(samples)
                .contains(
                        "dht_replication_under 3.0",
                        "dht_replication_over 1.0",
                        "dht_leader_changes_total 2.0",
                        "dht_merge_conflicts_total 1.0",
                        "dht_view_count_total 5.0",
                        "dht_unique_view_estimate 4.5",
                        "dht_watch_time_seconds_total 120.0");
        assertThat(metrics.registry().scrape())
                .contains("# TYPE dht_replication_under gauge")
                .contains("# TYPE dht_leader_changes_total counter")
                .contains("# TYPE dht_watch_time_seconds_total counter");
    }

    @Test
    void inOpenMetricsTheWatchTimeFamilyIsNamedExactlyAsInTheSpec() {
        new MicrometerOverlayMetrics(metrics.registry()).watchTimeRecorded(7);
        try (var server = CairnHttpServer.create(
                        HttpServerConfig.loopbackEphemeral(),
                        metrics.registry(),
                        RandomBytes.secure(),
                        List.of(new MetricsRoutes(metrics.registry())))
                .start()) {
            var response = new TestHttp(server.port())
                    .get("/metrics", java.util.Map.of("Accept", "application/openmetrics-text; version=1.0.0"));

            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("application/openmetrics-text"));
            assertThat(response.body())
                    .contains("# TYPE dht_watch_time_seconds counter")
                    .contains("# TYPE dht_leader_changes counter")
                    .contains("dht_watch_time_seconds_total 7.0");
        }
    }

    @Test
    void theScrapeEndpointServesPrometheusTextWithJvmAndHttpMetrics() {
        Routes hello = r -> r.get("/hello/{name}", ctx -> ctx.result("hi"));
        try (var server = CairnHttpServer.create(
                        HttpServerConfig.loopbackEphemeral(),
                        metrics.registry(),
                        RandomBytes.secure(),
                        List.of(new MetricsRoutes(metrics.registry()), hello))
                .start()) {
            var http = new TestHttp(server.port());
            http.get("/hello/ann");
            http.get("/hello/bob");
            http.get("/nowhere/" + System.identityHashCode(this));

            var response = http.get("/metrics");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
            assertThat(response.body()).contains("jvm_memory_used_bytes").contains("process_uptime_seconds");
            assertThat(samples(response.body()))
                    .anySatisfy(line -> assertThat(line)
                            .startsWith("http_server_requests_seconds_count{")
                            .contains("method=\"GET\"")
                            .contains("route=\"/hello/{name}\"")
                            .contains("status=\"200\"")
                            .endsWith(" 2"))
                    .anySatisfy(line -> assertThat(line)
                            .startsWith("http_server_requests_seconds_count{")
                            .contains("route=\"NOT_FOUND\"")
                            .contains("status=\"404\""))
                    .noneSatisfy(line -> assertThat(line).contains("/nowhere/"));
        }
    }

    private static List<String> samples(String scrape) {
        return Arrays.stream(scrape.split("\n")).filter(l -> !l.startsWith("#")).toList();
    }
}
