package dev.cairn.app.node;

import dev.cairn.adapters.http.account.AccountContentsRoutes;
import dev.cairn.adapters.http.account.AccountRoutes;
import dev.cairn.adapters.http.auth.UserAuthentication;
import dev.cairn.adapters.http.blob.BlobRoutes;
import dev.cairn.adapters.http.blob.HttpReplicaFetcher;
import dev.cairn.adapters.http.frontend.FrontendRoutes;
import dev.cairn.adapters.http.frontend.TonConnectManifestRoutes;
import dev.cairn.adapters.http.membership.HandshakeRateLimiter;
import dev.cairn.adapters.http.membership.HandshakeRoutes;
import dev.cairn.adapters.http.membership.HttpPeerTransport;
import dev.cairn.adapters.http.metrics.MetricsRoutes;
import dev.cairn.adapters.http.metrics.MicrometerOverlayMetrics;
import dev.cairn.adapters.http.metrics.PrometheusMetrics;
import dev.cairn.adapters.http.openapi.OpenApiRoutes;
import dev.cairn.adapters.http.overlay.HttpOverlaySender;
import dev.cairn.adapters.http.overlay.NetworkMessageRoutes;
import dev.cairn.adapters.http.overlay.OverlayVerifier;
import dev.cairn.adapters.http.overlay.PeerHttpClients;
import dev.cairn.adapters.http.purchase.PurchaseRoutes;
import dev.cairn.adapters.http.server.CairnHttpServer;
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
import dev.cairn.adapters.postgres.PostgresContentStore;
import dev.cairn.adapters.postgres.PostgresConversionQueue;
import dev.cairn.adapters.postgres.PostgresDatabase;
import dev.cairn.adapters.postgres.PostgresDerivativeStore;
import dev.cairn.adapters.postgres.PostgresLicenseStore;
import dev.cairn.adapters.postgres.PostgresPeerBook;
import dev.cairn.adapters.postgres.PostgresPinSet;
import dev.cairn.adapters.postgres.PostgresPriceStore;
import dev.cairn.adapters.postgres.PostgresRecordStore;
import dev.cairn.adapters.postgres.PostgresUploadSessionStore;
import dev.cairn.adapters.postgres.PostgresUserStore;
import dev.cairn.app.config.NodeConfig;
import dev.cairn.core.blob.LocalFileBlobStore;
import dev.cairn.core.blob.PendingBlob;
import dev.cairn.core.content.ContentPublisher;
import dev.cairn.core.content.ContentRecord;
import dev.cairn.core.content.ContentStore;
import dev.cairn.core.content.view.ContentViews;
import dev.cairn.core.content.view.MediaKeyFile;
import dev.cairn.core.content.view.MediaSigner;
import dev.cairn.core.content.view.ViewReports;
import dev.cairn.core.conversion.ConversionEvent;
import dev.cairn.core.conversion.DerivativeStore;
import dev.cairn.core.dht.LocalDht;
import dev.cairn.core.dht.RecordValueCodec;
import dev.cairn.core.encryption.ContentVault;
import dev.cairn.core.encryption.CtrCipher;
import dev.cairn.core.encryption.MasterKey;
import dev.cairn.core.encryption.MasterKeyFile;
import dev.cairn.core.hash.Blake3;
import dev.cairn.core.hash.Digest256;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.id.NodeId;
import dev.cairn.core.id.NodeIdentity;
import dev.cairn.core.id.NodeKeyFile;
import dev.cairn.core.ipfs.Ipfs;
import dev.cairn.core.membership.AsnResolver;
import dev.cairn.core.membership.AsnTable;
import dev.cairn.core.membership.Membership;
import dev.cairn.core.membership.NodeInfo;
import dev.cairn.core.metrics.MetricGossip;
import dev.cairn.core.metrics.ViewMetrics;
import dev.cairn.core.port.Clock;
import dev.cairn.core.port.RandomBytes;
import dev.cairn.core.replication.BackgroundFetcher;
import dev.cairn.core.replication.IpfsCids;
import dev.cairn.core.replication.IpfsPinner;
import dev.cairn.core.replication.Replicator;
import dev.cairn.core.upload.UploadService;
import dev.cairn.core.upload.UploadSpool;
import io.micrometer.core.instrument.Gauge;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Cairn node, assembled with plain constructors: identity, master key and blob store in {@code DATA_DIR},
 * PostgreSQL (embedded unless {@code DATABASE_URL}), IPFS through Kubo (if {@code IPFS_API_URL}), the overlay
 * (membership, DHT records, replication, metric gossip) over HTTP, the upload pipeline, the conversion workers, and
 * the Javalin server. {@link #close()} shuts it down in the reverse order: stop accepting requests and let those in
 * flight finish, stop the upload upkeep, release the upload spool, let IPFS adds in progress finish briefly, stop the
 * conversion workers (their jobs go back to the queue), stop the overlay rounds, drain outgoing messages and
 * transfers, close the pool and the database.
 */
public final class CairnNode implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CairnNode.class);
    /** Blob transfers running at once; more wait for the next replication round. */
    static final int MAX_CONCURRENT_TRANSFERS = 4;
    /** The key of signed media URLs, in DATA_DIR: deleting it revokes every URL handed out, and it needs no backup. */
    static final String MEDIA_KEY_FILE = "media-url.key";
    /** How long a signed media URL works: long enough to start playing, short enough that a leaked one soon dies. */
    static final Duration MEDIA_URL_LIFETIME = Duration.ofMinutes(10);
    /** One view report per device and content within this time counts; repeats are dropped. */
    static final Duration VIEW_REPORT_MIN_INTERVAL = Duration.ofSeconds(30);
    /** How many devices' last reports are remembered for that. */
    static final int VIEW_REPORT_MAX_DEVICES = 100_000;
    /** IPFS pins of held replicas running at once (each may fetch a whole blob through Kubo); more wait. */
    static final int MAX_CONCURRENT_IPFS_PINS = 4;
    /** How long {@link #close()} lets IPFS adds in progress run before cutting them (they are retried later). */
    static final Duration PUBLISHING_STOP_TIMEOUT = Duration.ofSeconds(5);

    private final NodeIdentity identity;
    private final Deque<AutoCloseable> closeInReverse = new ArrayDeque<>();
    private final Set<ContentId> localContents = ConcurrentHashMap.newKeySet();
    private LocalFileBlobStore blobs;
    private PostgresPinSet pins;
    private Membership membership;
    private Replicator replicator;
    private ViewMetrics views;
    private OverlayLoop loop;
    private CairnHttpServer server;
    private LocalDht dht;
    private ContentStore contents;
    private UploadService uploads;
    private NodePayments payments;
    private UserAuthentication userAuthentication;
    private NodeConversion conversion;

    private CairnNode(NodeIdentity identity) {
        this.identity = identity;
    }

    /** Starts a node; returns once its HTTP port is bound and its overlay rounds are scheduled. */
    public static CairnNode start(NodeConfig config, Clock clock, String softwareVersion) throws IOException {
        return start(config, clock, softwareVersion, UploadMaintenance.Schedule.DEFAULT);
    }

    /** {@link #start(NodeConfig, Clock, String)} with the upload upkeep on another schedule, for tests. */
    static CairnNode start(NodeConfig config, Clock clock, String softwareVersion, UploadMaintenance.Schedule schedule)
            throws IOException {
        Path dataDir = config.storage().dataDir().createDataDir();
        NodeIdentity identity =
                NodeKeyFile.loadOrCreate(config.storage().dataDir().nodeKeyFile(), new SecureRandom());
        var node = new CairnNode(identity);
        try {
            node.assemble(config, clock, softwareVersion, dataDir, schedule);
            return node;
        } catch (IOException | RuntimeException e) {
            node.close();
            throw e;
        }
    }

    private void assemble(
            NodeConfig config, Clock clock, String version, Path dataDir, UploadMaintenance.Schedule schedule)
            throws IOException {
        RandomBytes random = RandomBytes.secure();
        MasterKey masterKey =
                MasterKeyFile.loadOrCreate(config.storage().dataDir().masterKeyFile(), random);
        var metrics = closing(new PrometheusMetrics());
        var overlayMetrics = new MicrometerOverlayMetrics(metrics.registry());

        blobs = closing(LocalFileBlobStore.open(dataDir.resolve("blobs")));
        PostgresDatabase database =
                closing(PostgresDatabase.open(config.storage().database()));
        var codec = RecordValueCodec.standard();
        dht = new LocalDht(identity, clock, new PostgresRecordStore(database.dsl(), clock, codec), codec);
        pins = new PostgresPinSet(database.dsl(), clock);
        Ipfs ipfs = NodeIpfs.connect(config.ipfs(), metrics.registry());
        if (ipfs instanceof AutoCloseable kubo) {
            closing(kubo);
        }

        var network = config.network();
        var self = new NodeInfo(
                identity.nodeId(),
                identity.publicKey(),
                network.publicHost(),
                network.privacy(),
                List.of("storage"),
                "cairn/" + version,
                NodeIpfs.identity(config.ipfs(), metrics.registry()));
        AsnResolver asns = network.asnTable().isPresent()
                ? AsnTable.load(network.asnTable().get())
                : AsnResolver.NONE;
        var peerTransport = new HttpPeerTransport(config.http().peerTransport());
        membership = new Membership(identity, self, config.membership(), clock, random, asns, peerTransport);
        var directory = new PeerDirectory(identity.nodeId(), membership, dht);
        // What an operator watches to see nodes find each other (Micrometer names; Prometheus shows dht_members...).
        Membership m = membership;
        Gauge.builder("dht.members", m, x -> x.members().size())
                .description("unexpired members")
                .register(metrics.registry());
        Gauge.builder("dht.active.members", m, x -> x.activeMembers().size())
                .description("members that pass island filtering")
                .register(metrics.registry());
        Gauge.builder("dht.n.estimate", m, Membership::nEstimate)
                .description("N_estimate: the network size this node acts on")
                .register(metrics.registry());

        var peers = PeerHttpClients.create(
                config.http().peerTransport().connectTimeout(),
                config.http().peerTransport().tlsVerify());
        var sender = closing(new HttpOverlaySender(
                identity,
                directory::address,
                peers,
                clock,
                random,
                HttpOverlaySender.Settings.DEFAULT,
                metrics.registry()));
        ExecutorService transfers = new ThreadPoolExecutor(
                MAX_CONCURRENT_TRANSFERS,
                MAX_CONCURRENT_TRANSFERS,
                30,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(1_024),
                Thread.ofVirtual().name("cairn-transfer-", 0).factory());
        closing(() -> transfers.shutdownNow());
        var fetcher = new HttpReplicaFetcher(
                blobs,
                pins,
                directory::holders,
                localContents::contains,
                peers,
                new HttpReplicaFetcher.Settings(
                        config.storage().maxContentBytes(), Duration.ofSeconds(30), Duration.ofSeconds(30)),
                metrics.registry());
        contents = new PostgresContentStore(database.dsl());
        // Its own executor: a Kubo slow to find a CID's providers must not hold back blob transfers.
        ExecutorService ipfsPinning = new ThreadPoolExecutor(
                MAX_CONCURRENT_IPFS_PINS,
                MAX_CONCURRENT_IPFS_PINS,
                30,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(1_024),
                Thread.ofVirtual().name("cairn-ipfs-pin-", 0).factory());
        closing(() -> ipfsPinning.shutdownNow());
        ContentStore contentStore = contents;
        // Without IPFS this node has no CIDs of its own to announce: skip the lookup in every round.
        IpfsCids ownCids =
                ipfs.enabled() ? content -> contentStore.find(content).flatMap(ContentRecord::ipfsCid) : IpfsCids.NONE;
        replicator = new Replicator(
                identity,
                clock,
                dht,
                sender,
                new BackgroundFetcher(fetcher, pins, transfers),
                overlayMetrics,
                config.replication(),
                ownCids,
                new IpfsPinner(ipfs, ipfsPinning));
        var gossip =
                new MetricGossip(identity.nodeId(), dht, sender, clock, codec, MetricGossip.DEFAULT_RETENTION_SECONDS);
        views = new ViewMetrics(identity.nodeId(), dht, clock, overlayMetrics, config.metrics(), gossip::changed);

        Gauge.builder("dht.pinned.replicas", pins, p -> p.snapshot().size())
                .description("replicas this node pins as a lease holder")
                .register(metrics.registry());
        Set<ContentId> replicas = pins.snapshot();
        var derivatives = new PostgresDerivativeStore(database.dsl());
        // Renditions are blobs this node made from its contents, not contents of their own to announce.
        Set<ContentId> renditions = derivatives.renditionBlobs();
        try (var stored = blobs.list()) {
            stored.filter(id -> !replicas.contains(id) && !renditions.contains(id))
                    .forEach(localContents::add);
        }
        loop = closing(new OverlayLoop(
                identity.nodeId(),
                membership,
                replicator,
                gossip,
                directory,
                config.replication(),
                network.handshakeInterval(),
                config.membership().membershipTtl(),
                network.bootstrapPeers(),
                network.publicHost(),
                localContents,
                new PostgresPeerBook(database.dsl()),
                clock));

        CtrCipher cipher = CtrCipher.preferOpenSsl();
        // Registered before the publisher's executor and the server, so closed after them and before the database.
        conversion = closing(NodeConversion.open(
                config.conversion(),
                dataDir,
                new PostgresConversionQueue(database.dsl(), clock, NodeConversion.MAX_ATTEMPTS),
                derivatives,
                contents,
                new ContentVault(blobs, masterKey, cipher, random),
                blobs,
                cipher,
                random,
                clock,
                identity.nodeId(),
                metrics.registry()));
        ExecutorService publishing = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("cairn-publish-", 0).factory());
        closing(() -> stopPublishing(publishing));
        // A published content becomes one of this node's own, which the replication rounds announce until placed.
        var publisher = new ContentPublisher(blobs, contents, conversion.queue(), ipfs, localContents::add, publishing);
        // Beside blobs/ on one file system, so that a finished upload is renamed into the blob store, not copied.
        UploadSpool spool = closing(UploadSpool.open(dataDir.resolve("uploads")));
        uploads = new UploadService(
                config.storage().uploads(),
                new PostgresUploadSessionStore(database.dsl(), clock),
                spool,
                blobs,
                publisher,
                masterKey,
                cipher,
                clock,
                random);
        closing(new UploadMaintenance(
                        () -> uploads.expire(UploadMaintenance.EXPIRE_LIMIT),
                        () -> publisher.retryIpfs(UploadMaintenance.IPFS_RETRY_LIMIT),
                        schedule,
                        metrics.registry()))
                .start();
        userAuthentication = new UserAuthentication(
                config.auth().authenticator(clock), new PostgresUserStore(database.dsl()), clock);

        var verifier = new OverlayVerifier(identity.nodeId(), clock, node -> true, OverlayVerifier.Settings.DEFAULT);
        var networkMessages = new NetworkMessageRoutes(verifier, loop, metrics.registry());
        var blobRoutes = new BlobRoutes(blobs);
        // What a viewer may see: the policy over contents, derivatives, licenses and prices; licensed renditions are
        // served decrypted behind URLs signed with a key of their own (DATA_DIR/media-url.key).
        var priceStore = new PostgresPriceStore(database.dsl(), clock);
        var licenses = new PostgresLicenseStore(database.dsl());
        var contentViews = new ContentViews(contents, derivatives, licenses, priceStore);
        var bots = closing(new NodeBots(
                config.bots(), config.auth().uploaderBotToken(), config.auth().clientBotToken()));
        payments = closing(new NodePayments(
                config.payments(),
                database.dsl(),
                contents,
                priceStore,
                licenses,
                bots.stars(),
                clock,
                random,
                metrics.registry()));
        bots.assemble(
                network.publicHost()
                        .orElseGet(() -> URI.create(
                                "http://localhost:" + config.http().server().port())),
                contentViews,
                contents,
                uploads,
                payments,
                config.payments().supportContact(),
                clock,
                conversion::onEvent);
        var mediaSigner = new MediaSigner(
                MediaKeyFile.loadOrCreate(dataDir.resolve(MEDIA_KEY_FILE), random), clock, MEDIA_URL_LIFETIME);
        var databaseCheck = new ReadinessCheck("database", () -> {
            try (Connection c = database.dataSource().getConnection()) {
                if (!c.isValid(2)) {
                    throw new IllegalStateException("the database connection is not valid");
                }
            }
        });
        server = CairnHttpServer.create(
                config.http().server(),
                metrics.registry(),
                random,
                List.of(
                        new SystemRoutes(
                                new NodeDescription(version, identity.nodeId(), clock.millis()),
                                clock,
                                List.of(databaseCheck),
                                Duration.ofSeconds(2)),
                        new MetricsRoutes(metrics.registry()),
                        new HandshakeRoutes(
                                membership,
                                new HandshakeRateLimiter(config.http().handshakeRateLimit(), clock)),
                        new OpenApiRoutes(),
                        networkMessages,
                        blobRoutes,
                        new StorageRoutes(new BlobStoredFiles(blobs), random),
                        new AccountRoutes(userAuthentication),
                        new AccountContentsRoutes(userAuthentication, contentViews),
                        new PriceRoutes(userAuthentication, contentViews, priceStore),
                        new PurchaseRoutes(
                                userAuthentication,
                                payments.purchases(),
                                contents::find,
                                bots.stars().isPresent(),
                                payments.tonAddress()),
                        new TonConnectManifestRoutes(network.publicHost()),
                        new TelegramWebhookRoutes(bots.webhookReceivers()),
                        new TusRoutes(uploads, userAuthentication),
                        new TusHookRoutes(
                                uploads, userAuthentication, config.storage().tusHook(), random),
                        new LegacyUploadRoutes(uploads, userAuthentication, contents),
                        new ContentViewRoutes(
                                userAuthentication,
                                contentViews,
                                mediaSigner,
                                new ViewReports(
                                        views,
                                        config.metrics(),
                                        clock,
                                        VIEW_REPORT_MIN_INTERVAL,
                                        VIEW_REPORT_MAX_DEVICES)),
                        new MediaRoutes(
                                contentViews,
                                mediaSigner,
                                new ContentVault(blobs, masterKey, cipher, random),
                                blobs,
                                clock,
                                random),
                        // The Mini App last: API routes are registered first and keep their paths.
                        FrontendRoutes.fromClasspath()));
        payments.start();
        server.start();
        closing(server::stop);
        bots.start();
        loop.start();
        conversion.start();
        log.atInfo()
                .addKeyValue("node_id", identity.nodeId().hex())
                .addKeyValue("port", server.port())
                .addKeyValue(
                        "public_host",
                        network.publicHost().map(Object::toString).orElse(""))
                .addKeyValue("local_contents", localContents.size())
                .addKeyValue("ipfs", ipfs.enabled())
                .log("node started");
    }

    private static void stopPublishing(ExecutorService publishing) throws InterruptedException {
        publishing.shutdown();
        if (!publishing.awaitTermination(PUBLISHING_STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            log.warn(
                    "IPFS adds still running after {} s are cut off; the IPFS retry adds those contents later",
                    PUBLISHING_STOP_TIMEOUT.toSeconds());
            publishing.shutdownNow();
        }
    }

    private <T extends AutoCloseable> T closing(T resource) {
        closeInReverse.push(resource);
        return resource;
    }

    public NodeId nodeId() {
        return identity.nodeId();
    }

    /** The bound HTTP port. */
    public int httpPort() {
        return server.port();
    }

    public Membership membership() {
        return membership;
    }

    public ViewMetrics views() {
        return views;
    }

    public LocalDht dht() {
        return dht;
    }

    /** The upload pipeline (tus's core): what the upload routes call. */
    public UploadService uploads() {
        return uploads;
    }

    /** The contents registered on this node (so far, those uploaded to it), with their wrapped keys and CIDs. */
    public ContentStore contents() {
        return contents;
    }

    /** Each content's renditions and where their conversion stands. */
    public DerivativeStore derivatives() {
        return conversion.derivatives();
    }

    /** Tells {@code listener} of every conversion that ends on this node, ready or failed (the bots notify owners). */
    public void onConversion(Consumer<ConversionEvent> listener) {
        conversion.onEvent(listener);
    }

    /** The check the user-facing routes run: who a request's {@code Authorization} header says the caller is. */
    public UserAuthentication userAuthentication() {
        return userAuthentication;
    }

    /**
     * Stores an encrypted blob read from {@code in} under its ContentId (BLAKE3-256 of the bytes, computed while they
     * are written) and makes it one of this node's own contents, announced to the nodes responsible for it until it
     * is placed. Uploads do not come this way ({@link #uploads()} moves their ciphertext into the blob store and
     * registers the content); this is for a blob that is already encrypted, with no content record.
     */
    public ContentId importBlob(InputStream in) throws IOException {
        Objects.requireNonNull(in, "in");
        var hasher = Blake3.newHasher();
        byte[] buffer = new byte[64 * 1024];
        try (PendingBlob pending = blobs.openWriter()) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                hasher.update(buffer, 0, n);
                pending.write(ByteBuffer.wrap(buffer, 0, n));
            }
            var id = new ContentId(Digest256.of(hasher.digest()));
            pending.commit(id);
            localContents.add(id);
            return id;
        }
    }

    /** Whether this node stores the blob of {@code content} (its own or a pinned replica). */
    public boolean holds(ContentId content) {
        return blobs.exists(content);
    }

    /** Whether {@code content} is one of this node's own contents, which replication announces until it is placed. */
    boolean ownsContent(ContentId content) {
        return localContents.contains(content);
    }

    /** Whether this node pins {@code content} as a lease holder. */
    public boolean pinsReplica(ContentId content) {
        return pins.contains(content);
    }

    /** Stops the node; safe to call twice and after a failed start. */
    @Override
    public synchronized void close() {
        while (!closeInReverse.isEmpty()) {
            AutoCloseable resource = closeInReverse.pop();
            try {
                resource.close();
            } catch (Exception e) {
                log.atWarn().setCause(e).log("error while stopping the node");
            }
        }
    }
}
