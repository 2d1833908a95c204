package dev.cairn.app.node;

import dev.cairn.adapters.http.account.AccountRoutes;
import dev.cairn.adapters.http.auth.UserAuthentication;
import dev.cairn.adapters.http.blob.BlobRoutes;
import dev.cairn.adapters.http.blob.HttpReplicaFetcher;
import dev.cairn.adapters.http.frontend.FrontendRoutes;
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
import dev.cairn.adapters.http.server.CairnHttpServer;
import dev.cairn.adapters.http.storage.BlobStoredFiles;
import dev.cairn.adapters.http.storage.StorageRoutes;
import dev.cairn.adapters.http.system.NodeDescription;
import dev.cairn.adapters.http.system.ReadinessCheck;
import dev.cairn.adapters.http.system.SystemRoutes;
import dev.cairn.adapters.http.upload.LegacyUploadRoutes;
import dev.cairn.adapters.http.upload.TusHookRoutes;
import dev.cairn.adapters.http.upload.TusRoutes;
import dev.cairn.adapters.postgres.PostgresContentStore;
import dev.cairn.adapters.postgres.PostgresConversionQueue;
import dev.cairn.adapters.postgres.PostgresDatabase;
import dev.cairn.adapters.postgres.PostgresPeerBook;
import dev.cairn.adapters.postgres.PostgresPinSet;
import dev.cairn.adapters.postgres.PostgresRecordStore;
import dev.cairn.adapters.postgres.PostgresUploadSessionStore;
import dev.cairn.adapters.postgres.PostgresUserStore;
import dev.cairn.app.config.NodeConfig;
import dev.cairn.core.blob.LocalFileBlobStore;
import dev.cairn.core.blob.PendingBlob;
import dev.cairn.core.content.ContentPublisher;
import dev.cairn.core.content.ContentRecord;
import dev.cairn.core.content.ContentStore;
import dev.cairn.core.dht.LocalDht;
import dev.cairn.core.dht.RecordValueCodec;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Cairn node, assembled with plain constructors: identity, master key and blob store in {@code DATA_DIR},
 * PostgreSQL (embedded unless {@code DATABASE_URL}), IPFS through Kubo (if {@code IPFS_API_URL}), the overlay
 * (membership, DHT records, replication, metric gossip) over HTTP, the upload pipeline, and the Javalin server.
 * {@link #close()} shuts it down in the reverse order: stop accepting requests and let those in flight finish, stop
 * the upload upkeep, release the upload spool, let IPFS adds in progress finish briefly, stop the overlay rounds,
 * drain outgoing messages and transfers, close the pool and the database.
 */
public final class CairnNode implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CairnNode.class);
    /** Blob transfers running at once; more wait for the next replication round. */
    static final int MAX_CONCURRENT_TRANSFERS = 4;
    /** IPFS pins of held replicas running at once (each may fetch a whole blob through Kubo); more wait. */
    static final int MAX_CONCURRENT_IPFS_PINS = 4;
    /** Conversion attempts per content before it fails for good; a setting once the conversion workers exist. */
    static final int CONVERSION_MAX_ATTEMPTS = 3;
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
    private UserAuthentication userAuthentication;

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
        try (var stored = blobs.list()) {
            stored.filter(id -> !replicas.contains(id)).forEach(localContents::add);
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

        ExecutorService publishing = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("cairn-publish-", 0).factory());
        closing(() -> stopPublishing(publishing));
        // A published content becomes one of this node's own, which the replication rounds announce until placed.
        var publisher = new ContentPublisher(
                blobs,
                contents,
                new PostgresConversionQueue(database.dsl(), clock, CONVERSION_MAX_ATTEMPTS),
                ipfs,
                localContents::add,
                publishing);
        // Beside blobs/ on one file system, so that a finished upload is renamed into the blob store, not copied.
        UploadSpool spool = closing(UploadSpool.open(dataDir.resolve("uploads")));
        uploads = new UploadService(
                config.storage().uploads(),
                new PostgresUploadSessionStore(database.dsl(), clock),
                spool,
                blobs,
                publisher,
                masterKey,
                CtrCipher.preferOpenSsl(),
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
                        new TusRoutes(uploads, userAuthentication),
                        new TusHookRoutes(
                                uploads, userAuthentication, config.storage().tusHook(), random),
                        new LegacyUploadRoutes(uploads, userAuthentication, contents),
                        // The Mini App last: API routes are registered first and keep their paths.
                        FrontendRoutes.fromClasspath()));
        server.start();
        closing(server::stop);
        loop.start();
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
