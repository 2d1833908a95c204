package dev.cairn.adapters.http.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.adapters.http.account.AccountRoutes;
import dev.cairn.adapters.http.auth.UserAuthentication;
import dev.cairn.adapters.http.membership.HandshakeRateLimit;
import dev.cairn.adapters.http.membership.HandshakeRateLimiter;
import dev.cairn.adapters.http.membership.HandshakeRoutes;
import dev.cairn.adapters.http.metrics.MetricsRoutes;
import dev.cairn.adapters.http.metrics.PrometheusMetrics;
import dev.cairn.adapters.http.server.CairnHttpServer;
import dev.cairn.adapters.http.server.HttpServerConfig;
import dev.cairn.adapters.http.server.RouteSpec;
import dev.cairn.adapters.http.server.TestHttp;
import dev.cairn.adapters.http.system.NodeDescription;
import dev.cairn.adapters.http.system.SystemRoutes;
import dev.cairn.core.id.NodeIdentity;
import dev.cairn.core.membership.Membership;
import dev.cairn.core.membership.MembershipConfig;
import dev.cairn.core.membership.NodeInfo;
import dev.cairn.core.membership.Privacy;
import dev.cairn.core.port.ManualClock;
import dev.cairn.core.port.RandomBytes;
import dev.cairn.core.user.InMemoryUserStore;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OpenApiRoutesTest {

    @Test
    void theDocumentListsEveryRegisteredRouteAndNothingElse() {
        var clock = new ManualClock(0);
        var key = NodeIdentity.fromSeed(new byte[32]);
        var info = new NodeInfo(
                key.nodeId(),
                key.publicKey(),
                Optional.empty(),
                Privacy.PRIVATE,
                List.of(),
                "cairn/test",
                Optional.empty());
        var membership = new Membership(
                key, info, MembershipConfig.DEFAULTS, clock, RandomBytes.secure(), a -> Optional.empty(), (p, r) -> {
                    throw new AssertionError();
                });
        try (var metrics = new PrometheusMetrics();
                var server = CairnHttpServer.create(
                                HttpServerConfig.loopbackEphemeral(),
                                metrics.registry(),
                                RandomBytes.secure(),
                                List.of(
                                        new SystemRoutes(
                                                new NodeDescription("cairn/test", key.nodeId(), 0),
                                                clock,
                                                List.of(),
                                                Duration.ofSeconds(1)),
                                        new MetricsRoutes(metrics.registry()),
                                        new HandshakeRoutes(
                                                membership,
                                                new HandshakeRateLimiter(HandshakeRateLimit.DEFAULTS, clock)),
                                        new OpenApiRoutes(),
                                        new AccountRoutes(new UserAuthentication(
                                                Optional.empty(), new InMemoryUserStore(), clock))))
                        .start()) {
            var response = new TestHttp(server.port()).get(OpenApiRoutes.PATH);

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode document = TestHttp.json(response);
            assertThat(document.get("openapi").asText()).isEqualTo("3.1.0");
            assertThat(documented(document)).containsExactlyInAnyOrderElementsOf(server.routes());
        }
    }

    private static Set<RouteSpec> documented(JsonNode document) {
        var routes = new HashSet<RouteSpec>();
        document.get("paths")
                .properties()
                .forEach(path -> path.getValue()
                        .fieldNames()
                        .forEachRemaining(
                                method -> routes.add(new RouteSpec(method.toUpperCase(Locale.ROOT), path.getKey()))));
        return routes;
    }
}
