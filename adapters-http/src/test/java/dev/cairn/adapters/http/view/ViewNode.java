package dev.cairn.adapters.http.view;

import dev.cairn.adapters.http.account.AccountContentsRoutes;
import dev.cairn.adapters.http.purchase.PurchaseRoutes;
import dev.cairn.adapters.http.server.TestHttp;
import dev.cairn.adapters.http.storage.BlobStoredFiles;
import dev.cairn.adapters.http.storage.StorageRoutes;
import dev.cairn.adapters.http.upload.LegacyUploadRoutes;
import dev.cairn.adapters.http.upload.TusServer;
import dev.cairn.core.content.ContentKind;
import dev.cairn.core.content.ContentRecord;
import dev.cairn.core.content.InMemoryLicenseStore;
import dev.cairn.core.content.License;
import dev.cairn.core.content.LicenseSource;
import dev.cairn.core.content.view.ContentViews;
import dev.cairn.core.content.view.InMemoryPriceStore;
import dev.cairn.core.content.view.MediaSigner;
import dev.cairn.core.content.view.ViewReports;
import dev.cairn.core.conversion.Derivative;
import dev.cairn.core.conversion.DerivativeKind;
import dev.cairn.core.conversion.DerivativeStatus;
import dev.cairn.core.conversion.InMemoryDerivativeStore;
import dev.cairn.core.dht.InMemoryRecordStore;
import dev.cairn.core.dht.LocalDht;
import dev.cairn.core.dht.RecordValueCodec;
import dev.cairn.core.encryption.ContentVault;
import dev.cairn.core.encryption.StoredContent;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.id.NodeIdentity;
import dev.cairn.core.metrics.MetricsConfig;
import dev.cairn.core.metrics.ViewMetrics;
import dev.cairn.core.payment.InMemoryPaymentStore;
import dev.cairn.core.payment.PurchaseIntent;
import dev.cairn.core.payment.PurchaseListener;
import dev.cairn.core.payment.PurchaseRefused;
import dev.cairn.core.payment.Purchases;
import dev.cairn.core.payment.StarsGateway;
import dev.cairn.core.payment.TonAmountRule;
import dev.cairn.core.port.OverlayMetrics;
import dev.cairn.core.upload.UploadConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;

/**
 * {@link TusServer}'s node (upload pipeline, blobs on disk, Telegram-signed users) with the content view, the
 * caller's contents, media, storage and single-request upload routes, an in-memory derivative store the test fills (conversion is not wired
 * here), licenses and prices in memory.
 */
final class ViewNode implements AutoCloseable {
    static final long ADA = TusServer.ADA;
    static final long BO = TusServer.BO;
    static final Duration URL_LIFETIME = Duration.ofMinutes(10);

    final InMemoryDerivativeStore derivatives = new InMemoryDerivativeStore();
    final InMemoryLicenseStore licenses = new InMemoryLicenseStore();
    final InMemoryPriceStore prices = new InMemoryPriceStore();
    final InMemoryPaymentStore payments = new InMemoryPaymentStore();
    final StarsLinks stars = new StarsLinks();
    Purchases purchases;
    final TusServer server;
    MediaSigner signer;
    ViewMetrics metrics;
    final ContentVault vault;
    final TestHttp http;
    private final HttpClient client =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    ViewNode(Path dataDir) throws IOException {
        server = new TusServer(dataDir, new UploadConfig(4, Duration.ofHours(1), 8), s -> {
            var views = new ContentViews(s.contents, derivatives, licenses, prices);
            signer = new MediaSigner(s.random.bytes(MediaSigner.KEY_LENGTH), s.clock, URL_LIFETIME);
            var vault = new ContentVault(s.blobs, s.masterKey, TusServer.CIPHER, s.random);
            return List.of(
                    new LegacyUploadRoutes(s.uploads, s.authentication(), s.contents),
                    new StorageRoutes(new BlobStoredFiles(s.blobs), s.random),
                    new ContentViewRoutes(s.authentication(), views, signer, reports(s)),
                    new AccountContentsRoutes(s.authentication(), views),
                    new MediaRoutes(views, signer, vault, s.blobs, s.clock, s.random),
                    new PriceRoutes(s.authentication(), views, prices),
                    purchaseRoutes(s));
        });
        vault = new ContentVault(server.blobs, server.masterKey, TusServer.CIPHER, server.random);
        http = new TestHttp(server.port());
    }

    private PurchaseRoutes purchaseRoutes(TusServer s) {
        purchases = new Purchases(
                s.contents,
                prices,
                licenses,
                payments,
                Optional.of(stars),
                TonAmountRule.standard(),
                s.clock,
                s.random,
                Duration.ofHours(1),
                PurchaseListener.NONE);
        return new PurchaseRoutes(s.authentication(), purchases, s.contents::find, true, Optional.of(TON_WALLET));
    }

    static final String TON_WALLET = "EQ-receiving-wallet";

    /** The client bot's Stars calls as the tests see them: links handed out, refunds asked; {@code down} fails both. */
    static final class StarsLinks implements StarsGateway {
        final List<String> titles = new java.util.concurrent.CopyOnWriteArrayList<>();
        final List<String> refunds = new java.util.concurrent.CopyOnWriteArrayList<>();
        volatile boolean down;

        @Override
        public String invoiceLink(PurchaseIntent intent, String title, String description) throws PurchaseRefused {
            if (down) {
                throw new PurchaseRefused(PurchaseRefused.Reason.UNAVAILABLE, "Telegram answered 502");
            }
            titles.add(title);
            return "https://t.me/$" + intent.id();
        }

        @Override
        public void refund(long userId, String chargeId) throws PurchaseRefused {
            if (down) {
                throw new PurchaseRefused(PurchaseRefused.Reason.UNAVAILABLE, "Telegram answered 502");
            }
            refunds.add(userId + ":" + chargeId);
        }
    }

    private ViewReports reports(TusServer s) {
        var identity = NodeIdentity.fromSeed(new byte[32]);
        var dht = new LocalDht(identity, s.clock, new InMemoryRecordStore(), RecordValueCodec.standard());
        metrics = new ViewMetrics(identity.nodeId(), dht, s.clock, OverlayMetrics.NONE, MetricsConfig.DEFAULT);
        return new ViewReports(metrics, MetricsConfig.DEFAULT, s.clock, Duration.ofSeconds(30), 10_000);
    }

    static byte[] bytes(int length, long seed) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** A content of {@code kind} owned by Ada, stored encrypted as an upload would be, registered. */
    ContentRecord content(ContentKind kind, String mime, byte[] plaintext) throws IOException {
        return content(ADA, kind, mime, plaintext);
    }

    /** A content of {@code kind} owned by {@code owner}, stored encrypted as an upload would be, registered. */
    ContentRecord content(long owner, ContentKind kind, String mime, byte[] plaintext) throws IOException {
        StoredContent stored = vault.store(new ByteArrayInputStream(plaintext));
        var record = new ContentRecord(
                stored.id(),
                owner,
                kind,
                mime,
                stored.size(),
                "A " + kind.wire(),
                Optional.of("file"),
                stored.wrappedKey(),
                server.clock.instant(),
                Optional.empty());
        server.contents.register(record);
        return record;
    }

    /** A ready rendition holding {@code plaintext}: encrypted under its own key if {@code encrypted}, else clear. */
    Derivative ready(ContentRecord content, DerivativeKind kind, byte[] plaintext, boolean encrypted)
            throws IOException {
        ContentId blob;
        Optional<dev.cairn.core.encryption.WrappedKey> key;
        if (encrypted) {
            StoredContent stored = vault.store(new ByteArrayInputStream(plaintext));
            blob = stored.id();
            key = Optional.of(stored.wrappedKey());
        } else {
            blob = ContentId.ofBlob(plaintext);
            try (var writer = server.blobs.openWriter()) {
                writer.write(ByteBuffer.wrap(plaintext));
                writer.commit(blob);
            }
            key = Optional.empty();
        }
        Derivative d = new Derivative(
                content.id(),
                kind,
                DerivativeStatus.READY,
                100,
                Optional.of("h264+aac"),
                OptionalLong.of(1_000_000),
                Optional.empty(),
                Optional.of(kind == DerivativeKind.PREVIEW ? Duration.ofSeconds(30) : Duration.ofSeconds(180)),
                OptionalLong.of(plaintext.length),
                Optional.of(blob),
                key,
                Optional.empty(),
                server.clock.instant());
        derivatives.put(d);
        return d;
    }

    void put(ContentRecord content, DerivativeKind kind, DerivativeStatus status, int progress, String reason) {
        derivatives.put(new Derivative(
                content.id(),
                kind,
                status,
                progress,
                Optional.empty(),
                OptionalLong.empty(),
                Optional.empty(),
                Optional.empty(),
                OptionalLong.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.ofNullable(reason),
                server.clock.instant()));
    }

    void license(long user, ContentId content) {
        licenses.grant(new License(user, content, LicenseSource.GRANT, OptionalLong.empty(), server.clock.instant()));
    }

    /** {@code content.view} of {@code id} as {@code user} (0: anonymous, no Authorization header). */
    HttpResponse<String> view(String id, long user) {
        return http.get(
                "/api/v1/content.view/" + id, user == 0 ? Map.of() : Map.of("Authorization", TusServer.tma(user)));
    }

    HttpResponse<byte[]> fetch(String path, Map<String, String> headers) {
        var builder = HttpRequest.newBuilder(http.uri(path)).GET();
        headers.forEach(builder::header);
        try {
            return client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
