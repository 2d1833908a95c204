package dev.cairn.adapters.http.upload;

import dev.cairn.adapters.http.auth.TelegramInitData;
import dev.cairn.adapters.http.auth.UserAuthentication;
import dev.cairn.adapters.http.server.CairnHttpServer;
import dev.cairn.adapters.http.server.HttpServerConfig;
import dev.cairn.adapters.http.server.Routes;
import dev.cairn.core.auth.Authenticator;
import dev.cairn.core.auth.BotToken;
import dev.cairn.core.auth.InitDataValidator;
import dev.cairn.core.blob.LocalFileBlobStore;
import dev.cairn.core.content.ContentPublisher;
import dev.cairn.core.content.InMemoryContentStore;
import dev.cairn.core.content.InMemoryConversionQueue;
import dev.cairn.core.encryption.ContentVault;
import dev.cairn.core.encryption.CtrCipher;
import dev.cairn.core.encryption.MasterKey;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.ipfs.Ipfs;
import dev.cairn.core.port.ManualClock;
import dev.cairn.core.port.RandomBytes;
import dev.cairn.core.upload.InMemoryUploadSessionStore;
import dev.cairn.core.upload.UploadConfig;
import dev.cairn.core.upload.UploadService;
import dev.cairn.core.upload.UploadSpool;
import dev.cairn.core.user.InMemoryUserStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A node's upload pipeline behind a real HTTP server on loopback: spool and blobs on disk under a data directory,
 * in-memory stores standing in for the database, two Telegram users whose {@code initData} the tests sign. Public for
 * the tests of other route groups built over the same pipeline (content view, media).
 */
public final class TusServer implements AutoCloseable {
    public static final long NOW_SECONDS = 1_764_090_000L;
    public static final String TOKEN = "123456789:AAF-test-token-for-cairn-tus";
    public static final long ADA = 42;
    public static final long BO = 7;
    public static final CtrCipher CIPHER = CtrCipher.preferOpenSsl();

    public final ManualClock clock = new ManualClock(NOW_SECONDS * 1000);
    public final RandomBytes random = RandomBytes.secure();
    public final MasterKey masterKey = MasterKey.generate(random);
    public final InMemoryContentStore contents = new InMemoryContentStore();
    public final InMemoryConversionQueue conversions = new InMemoryConversionQueue();
    public final UploadConfig config;
    public final LocalFileBlobStore blobs;
    public final UploadSpool spool;
    public final UploadService uploads;
    public final CairnHttpServer server;

    /** @param extraRoutes more routes over the same pipeline and authentication (the hooks, the legacy upload) */
    public TusServer(Path dataDir, UploadConfig config, Function<TusServer, List<Routes>> extraRoutes)
            throws IOException {
        this.config = config;
        blobs = LocalFileBlobStore.open(dataDir.resolve("blobs"));
        spool = UploadSpool.open(dataDir.resolve("uploads"));
        var publisher = new ContentPublisher(blobs, contents, conversions, Ipfs.NONE, id -> {}, Runnable::run);
        uploads = new UploadService(
                config, new InMemoryUploadSessionStore(), spool, blobs, publisher, masterKey, CIPHER, clock, random);
        var routes = new java.util.ArrayList<Routes>();
        routes.add(new TusRoutes(uploads, authentication()));
        routes.addAll(extraRoutes.apply(this));
        server = CairnHttpServer.create(HttpServerConfig.loopbackEphemeral(), new SimpleMeterRegistry(), random, routes)
                .start();
    }

    public TusServer(Path dataDir, UploadConfig config) throws IOException {
        this(dataDir, config, s -> List.of());
    }

    public UserAuthentication authentication() {
        var validator = new InitDataValidator(BotToken.of(TOKEN), Duration.ofDays(1), Duration.ofSeconds(60), clock);
        return new UserAuthentication(
                Optional.of(new Authenticator(Optional.of(validator), false)), new InMemoryUserStore(), clock);
    }

    /** The {@code Authorization} header of a Telegram user. */
    public static String tma(long userId) {
        return "tma "
                + TelegramInitData.forUser(userId, "User" + userId, NOW_SECONDS - 5)
                        .signedFor(TOKEN);
    }

    public int port() {
        return server.port();
    }

    /** The plaintext of a stored content, decrypted from its blob with the key the content store holds. */
    public byte[] plaintext(ContentId id) {
        var vault = new ContentVault(blobs, masterKey, CIPHER, random);
        try (InputStream in = vault.open(id, contents.find(id).orElseThrow().wrappedKey())) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        server.stop();
        spool.close();
        blobs.close();
    }
}
