package dev.cairn.adapters.http.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.adapters.http.account.AccountContentsRoutes;
import dev.cairn.adapters.http.account.AccountRoutes;
import dev.cairn.adapters.http.auth.UserAuthentication;
import dev.cairn.adapters.http.blob.BlobRoutes;
import dev.cairn.adapters.http.frontend.FrontendRoutes;
import dev.cairn.adapters.http.frontend.TonConnectManifestRoutes;
import dev.cairn.adapters.http.membership.HandshakeRateLimit;
import dev.cairn.adapters.http.membership.HandshakeRateLimiter;
import dev.cairn.adapters.http.membership.HandshakeRoutes;
import dev.cairn.adapters.http.metrics.MetricsRoutes;
import dev.cairn.adapters.http.metrics.PrometheusMetrics;
import dev.cairn.adapters.http.overlay.NetworkMessageRoutes;
import dev.cairn.adapters.http.overlay.OverlayInbox;
import dev.cairn.adapters.http.overlay.OverlayVerifier;
import dev.cairn.adapters.http.purchase.PurchaseRoutes;
import dev.cairn.adapters.http.server.CairnHttpServer;
import dev.cairn.adapters.http.server.HttpServerConfig;
import dev.cairn.adapters.http.server.RouteSpec;
import dev.cairn.adapters.http.server.Routes;
import dev.cairn.adapters.http.server.TestHttp;
import dev.cairn.adapters.http.storage.BlobStoredFiles;
import dev.cairn.adapters.http.storage.StorageRoutes;
import dev.cairn.adapters.http.system.NodeDescription;
import dev.cairn.adapters.http.system.ReadinessCheck;
import dev.cairn.adapters.http.system.SystemRoutes;
import dev.cairn.adapters.http.telegram.TelegramWebhookRoutes;
import dev.cairn.adapters.http.upload.LegacyUploadRoutes;
import dev.cairn.adapters.http.upload.TusHookRoutes;
import dev.cairn.adapters.http.upload.TusRoutes;
import dev.cairn.adapters.http.view.ContentViewRoutes;
import dev.cairn.adapters.http.view.MediaRoutes;
import dev.cairn.adapters.http.view.PriceRoutes;
import dev.cairn.core.blob.InMemoryBlobStore;
import dev.cairn.core.content.ContentPublisher;
import dev.cairn.core.content.InMemoryContentStore;
import dev.cairn.core.content.InMemoryConversionQueue;
import dev.cairn.core.content.InMemoryLicenseStore;
import dev.cairn.core.content.view.ContentViews;
import dev.cairn.core.content.view.InMemoryPriceStore;
import dev.cairn.core.content.view.MediaSigner;
import dev.cairn.core.content.view.ViewReports;
import dev.cairn.core.conversion.InMemoryDerivativeStore;
import dev.cairn.core.dht.InMemoryRecordStore;
import dev.cairn.core.dht.LocalDht;
import dev.cairn.core.dht.RecordValueCodec;
import dev.cairn.core.encryption.ContentVault;
import dev.cairn.core.encryption.CtrCipher;
import dev.cairn.core.encryption.MasterKey;
import dev.cairn.core.id.NodeId;
import dev.cairn.core.id.NodeIdentity;
import dev.cairn.core.ipfs.Ipfs;
import dev.cairn.core.membership.Membership;
import dev.cairn.core.membership.MembershipConfig;
import dev.cairn.core.membership.NodeInfo;
import dev.cairn.core.membership.Privacy;
import dev.cairn.core.metrics.MetricMessage;
import dev.cairn.core.metrics.MetricsConfig;
import dev.cairn.core.metrics.ViewMetrics;
import dev.cairn.core.payment.InMemoryPaymentStore;
import dev.cairn.core.payment.PurchaseListener;
import dev.cairn.core.payment.Purchases;
import dev.cairn.core.payment.TonAmountRule;
import dev.cairn.core.port.ManualClock;
import dev.cairn.core.port.OverlayMetrics;
import dev.cairn.core.port.RandomBytes;
import dev.cairn.core.replication.ReplicationMessage;
import dev.cairn.core.upload.InMemoryUploadSessionStore;
import dev.cairn.core.upload.UploadConfig;
import dev.cairn.core.upload.UploadService;
import dev.cairn.core.upload.UploadSpool;
import dev.cairn.core.user.InMemoryUserStore;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hand-written OpenAPI document against a server that serves every route group of this module. */
class OpenApiRoutesTest {
    private static final Set<String> OPERATIONS =
            Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private final ManualClock clock = new ManualClock(0);
    private final NodeIdentity key = NodeIdentity.fromSeed(new byte[32]);
    private PrometheusMetrics metrics;
    private CairnHttpServer server;
    private TestHttp http;

    @TempDir
    Path dataDir;

    private UploadSpool spool;

    @BeforeEach
    void start() throws IOException {
        metrics = new PrometheusMetrics();
        server = CairnHttpServer.create(
                        HttpServerConfig.loopbackEphemeral(), metrics.registry(), RandomBytes.secure(), everyRoute())
                .start();
        http = new TestHttp(server.port());
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        metrics.close();
        if (spool != null) {
            spool.close();
        }
    }

    @Test
    void theDocumentListsEveryRegisteredRouteAndNothingElse() {
        var response = http.get(OpenApiRoutes.PATH);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode document = TestHttp.json(response);
        assertThat(document.get("openapi").asText()).isEqualTo("3.1.0");
        assertThat(documented(document)).containsExactlyInAnyOrderElementsOf(server.routes());
    }

    @Test
    void theServerUnderTestServesTheRoutesOfEveryGroupOfTheModule() {
        // Guards the test above against a group silently left out of everyRoute().
        assertThat(server.routes())
                .contains(
                        new RouteSpec("GET", "/api/system.version"),
                        new RouteSpec("GET", "/metrics"),
                        new RouteSpec("POST", "/api/v1/network.handshake"),
                        new RouteSpec("GET", OpenApiRoutes.PATH),
                        new RouteSpec("POST", NetworkMessageRoutes.PATH),
                        new RouteSpec("GET", BlobRoutes.PATH),
                        new RouteSpec("HEAD", BlobRoutes.PATH),
                        new RouteSpec("GET", StorageRoutes.PATH),
                        new RouteSpec("HEAD", StorageRoutes.PATH),
                        new RouteSpec("GET", "/api/v1/account.me"),
                        new RouteSpec("GET", AccountContentsRoutes.PATH),
                        new RouteSpec("POST", TusRoutes.BASE),
                        new RouteSpec("PATCH", TusRoutes.UPLOAD),
                        new RouteSpec("POST", TusHookRoutes.PATH),
                        new RouteSpec("POST", LegacyUploadRoutes.PATH),
                        new RouteSpec("GET", ContentViewRoutes.PATH),
                        new RouteSpec("PUT", PriceRoutes.PATH),
                        new RouteSpec("POST", PurchaseRoutes.START),
                        new RouteSpec("GET", PurchaseRoutes.ONE),
                        new RouteSpec("POST", PurchaseRoutes.REFUND),
                        new RouteSpec("GET", TonConnectManifestRoutes.MANIFEST),
                        new RouteSpec("POST", TelegramWebhookRoutes.PATH),
                        new RouteSpec("GET", MediaRoutes.PATH),
                        new RouteSpec("HEAD", MediaRoutes.PATH),
                        new RouteSpec("GET", FrontendRoutes.INDEX),
                        new RouteSpec("GET", FrontendRoutes.ASSET));
    }

    @Test
    void headRunsARouteOnlyWhereOneIsRegistered() {
        // The blob and storage routes register HEAD and run their handler: a missing file is a 404.
        var missingBlob = head("/api/v1/network.blob/" + "00".repeat(32));
        var missingFile = head("/api/v1.5/storage/" + "00".repeat(32));
        // Elsewhere Javalin answers HEAD for a GET route by itself: 200, no body, the handler not run (so a
        // readiness check that fails still gives 200). That is why the document lists HEAD on those two routes only.
        var notReady = head("/api/system.ready");

        assertThat(missingBlob.statusCode()).isEqualTo(404);
        assertThat(missingFile.statusCode()).isEqualTo(404);
        assertThat(notReady.statusCode()).isEqualTo(200);
        assertThat(notReady.body()).isEmpty();
        assertThat(http.get("/api/system.ready").statusCode()).isEqualTo(503);
    }

    private HttpResponse<String> head(String path) {
        return http.send(HttpRequest.newBuilder(http.uri(path))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build());
    }

    private List<Routes> everyRoute() throws IOException {
        var authentication = new UserAuthentication(Optional.empty(), new InMemoryUserStore(), clock);
        var contents = new InMemoryContentStore();
        var uploads = uploads(new InMemoryBlobStore(), contents);
        var views = new ContentViews(
                contents, new InMemoryDerivativeStore(), new InMemoryLicenseStore(), new InMemoryPriceStore());
        var signer = new MediaSigner(new byte[MediaSigner.KEY_LENGTH], clock, Duration.ofMinutes(10));
        var blobs = new InMemoryBlobStore();
        var vault = new ContentVault(
                blobs, MasterKey.generate(RandomBytes.secure()), CtrCipher.jce(), RandomBytes.secure());
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
        var verifier = new OverlayVerifier(key.nodeId(), clock, id -> true, OverlayVerifier.Settings.DEFAULT);
        return List.of(
                new SystemRoutes(
                        new NodeDescription("cairn/test", key.nodeId(), 0),
                        clock,
                        List.of(new ReadinessCheck("database", () -> {
                            throw new IllegalStateException("down");
                        })),
                        Duration.ofSeconds(1)),
                new MetricsRoutes(metrics.registry()),
                new HandshakeRoutes(membership, new HandshakeRateLimiter(HandshakeRateLimit.DEFAULTS, clock)),
                new OpenApiRoutes(),
                new NetworkMessageRoutes(verifier, new DiscardingInbox(), metrics.registry()),
                new BlobRoutes(new InMemoryBlobStore()),
                new StorageRoutes(new BlobStoredFiles(new InMemoryBlobStore()), RandomBytes.secure()),
                new AccountRoutes(authentication),
                new AccountContentsRoutes(authentication, views),
                new PriceRoutes(authentication, views, new InMemoryPriceStore()),
                new PurchaseRoutes(
                        authentication,
                        new Purchases(
                                contents,
                                new InMemoryPriceStore(),
                                new InMemoryLicenseStore(),
                                new InMemoryPaymentStore(),
                                Optional.empty(),
                                TonAmountRule.standard(),
                                clock,
                                RandomBytes.secure(),
                                Duration.ofHours(1),
                                PurchaseListener.NONE),
                        contents::find,
                        false,
                        Optional.empty()),
                new TonConnectManifestRoutes(Optional.empty()),
                new TelegramWebhookRoutes(java.util.Map.of()),
                new TusRoutes(uploads, authentication),
                new TusHookRoutes(uploads, authentication, Optional.empty(), RandomBytes.secure()),
                new LegacyUploadRoutes(uploads, authentication, contents),
                new ContentViewRoutes(authentication, views, signer, reports()),
                new MediaRoutes(views, signer, vault, blobs, clock, RandomBytes.secure()),
                FrontendRoutes.fromClasspath());
    }

    private ViewReports reports() {
        var dht = new LocalDht(key, clock, new InMemoryRecordStore(), RecordValueCodec.standard());
        var metrics = new ViewMetrics(key.nodeId(), dht, clock, OverlayMetrics.NONE, MetricsConfig.DEFAULT);
        return new ViewReports(metrics, MetricsConfig.DEFAULT, clock, Duration.ofSeconds(30), 100);
    }

    /** The upload pipeline, enough to register its routes; nothing is uploaded here. */
    private UploadService uploads(InMemoryBlobStore blobs, InMemoryContentStore contents) throws IOException {
        spool = UploadSpool.open(dataDir.resolve("uploads"));
        var publisher = new ContentPublisher(
                blobs, contents, new InMemoryConversionQueue(), Ipfs.NONE, id -> {}, Runnable::run);
        return new UploadService(
                UploadConfig.withMaxContentSizeMb(1),
                new InMemoryUploadSessionStore(),
                spool,
                blobs,
                publisher,
                MasterKey.generate(RandomBytes.secure()),
                CtrCipher.preferOpenSsl(),
                clock,
                RandomBytes.secure());
    }

    /** The operations of the document; other members of a path item ({@code parameters}) are not routes. */
    private static Set<RouteSpec> documented(JsonNode document) {
        var routes = new HashSet<RouteSpec>();
        document.get("paths")
                .properties()
                .forEach(path -> path.getValue().fieldNames().forEachRemaining(member -> {
                    if (OPERATIONS.contains(member)) {
                        routes.add(new RouteSpec(member.toUpperCase(Locale.ROOT), path.getKey()));
                    }
                }));
        return routes;
    }

    private static final class DiscardingInbox implements OverlayInbox {
        @Override
        public void replication(NodeId from, ReplicationMessage message) {}

        @Override
        public void metric(NodeId from, MetricMessage message) {}
    }
}
