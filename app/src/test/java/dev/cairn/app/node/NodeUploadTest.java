package dev.cairn.app.node;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.cairn.adapters.http.ipfs.FakeKubo;
import dev.cairn.adapters.http.server.LogCapture;
import dev.cairn.app.config.NodeConfig;
import dev.cairn.core.auth.HostResolver;
import dev.cairn.core.auth.LocalMode;
import dev.cairn.core.content.ContentRecord;
import dev.cairn.core.encryption.CtrCipher;
import dev.cairn.core.encryption.KeyContext;
import dev.cairn.core.encryption.MasterKeyFile;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.ipfs.Cid;
import dev.cairn.core.membership.IpfsInfo;
import dev.cairn.core.port.ManualClock;
import dev.cairn.core.port.RandomBytes;
import dev.cairn.core.upload.Chunk;
import dev.cairn.core.upload.Concatenation;
import dev.cairn.core.upload.UploadException;
import dev.cairn.core.upload.UploadFailure;
import dev.cairn.core.upload.UploadId;
import dev.cairn.core.upload.UploadSession;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole node (embedded PostgreSQL, blob store and upload spool in its data directory, HTTP on loopback) taking
 * uploads through {@link CairnNode#uploads()} as the tus routes will: the finished upload is a registered, stored,
 * encrypted content of this node, added to IPFS through the production Kubo client talking to {@link FakeKubo}; without
 * {@code IPFS_API_URL} the node works and says so once; the upkeep deletes expired uploads; and the master key
 * outlives a restart, so an upload begun before it is finished after it.
 */
class NodeUploadTest {
    static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    static final long OWNER = LocalMode.LOCAL_USER.telegramId();
    /** The upkeep every 200 ms instead of every minute, so the expiry test need not wait for it. */
    static final UploadMaintenance.Schedule FAST =
            new UploadMaintenance.Schedule(Duration.ofMillis(200), Duration.ofMillis(200));

    static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path root;

    final ManualClock clock = new ManualClock(T0.toEpochMilli());

    @BeforeAll
    static void letTheEmbeddedDatabasePass() throws IOException {
        // The embedded PostgreSQL runs as nobody when the tests run as root: it must pass through the temp dir.
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx--x--x"));
    }

    @Test
    void aFinishedUploadIsAStoredContentOfThisNodeAddedToIpfs() throws Exception {
        byte[] song = bytes(700_000, 1);
        try (FakeKubo kubo = FakeKubo.start();
                CairnNode node =
                        start("kubo", Map.of("IPFS_API_URL", kubo.apiUrl().toString()))) {
            assertThat(node.membership().self().ipfs())
                    .as("the handshake names Kubo's peer")
                    .contains(new IpfsInfo(FakeKubo.PEER_ID, FakeKubo.ADDRESSES));
            signIn(node);

            UploadSession finished = upload(node, song, 300_000);

            ContentId id = finished.contentId().orElseThrow();
            ContentRecord content = node.contents().find(id).orElseThrow();
            assertThat(content.ownerId()).isEqualTo(OWNER);
            assertThat(content.fileName()).contains("song.bin");
            assertThat(node.holds(id)).as("the blob is stored").isTrue();
            awaitTrue("the CID is recorded", () -> cid(node, id) != null);
            Cid cid = cid(node, id);
            byte[] ciphertext = kubo.blob(cid);
            assertThat(ciphertext).as("Kubo got the blob").isNotNull();
            assertThat(kubo.filename(cid)).isEqualTo(id.hex());
            assertThat(kubo.pins()).contains(cid.value());
            assertThat(ContentId.ofBlob(ciphertext))
                    .as("what Kubo got is the content's blob")
                    .isEqualTo(id);
            assertThat(decrypt("kubo", content, ciphertext))
                    .as("encrypted with the node's master key")
                    .isEqualTo(song);
            awaitTrue("the content is one of the node's own", () -> node.ownsContent(id));
        }
    }

    @Test
    void withoutIpfsTheNodeTakesUploadsAndSaysSoOnce() throws Exception {
        byte[] song = bytes(100_000, 2);
        try (var log = new LogCapture(NodeIpfs.class);
                CairnNode node = start("no-ipfs", Map.of())) {
            assertThat(log.events())
                    .filteredOn(e -> e.getFormattedMessage().contains("IPFS_API_URL"))
                    .singleElement()
                    .satisfies(e -> assertThat(e.getLevel()).isEqualTo(Level.INFO));
            assertThat(node.membership().self().ipfs()).isEmpty();
            signIn(node);

            ContentId id = upload(node, song, 40_000).contentId().orElseThrow();

            assertThat(node.contents().find(id).orElseThrow().ipfsCid()).isEmpty();
            assertThat(node.holds(id)).isTrue();
            awaitTrue("the content is one of the node's own", () -> node.ownsContent(id));
        }
    }

    @Test
    void theUpkeepDeletesAnUploadPastItsExpiryWithItsSpool() throws Exception {
        try (CairnNode node = start("expiry", Map.of("UPLOAD_EXPIRY_SEC", "3600"), FAST)) {
            signIn(node);
            UploadId id = create(node, 50_000).id();
            // The sweep, running every 200 ms, never locks a live upload: the PATCH is taken at once.
            byte[] chunk = bytes(20_000, 3);
            node.uploads().patch(OWNER, id, Chunk.of(0, new ByteArrayInputStream(chunk)));
            Path spool = root.resolve("expiry/uploads/" + id.value() + ".part");
            assertThat(spool).hasSize(20_000);

            clock.advance(Duration.ofHours(1).plusSeconds(1));

            awaitTrue(
                    "the upload is swept",
                    () -> failure(() -> node.uploads().status(OWNER, id)) == UploadFailure.NOT_FOUND);
            assertThat(spool).doesNotExist();
            assertThat(httpGet(node, "/metrics", Map.of()).body()).containsPattern("cairn_uploads_expired_total 1\\.0");
        }
    }

    @Test
    void anUploadBegunBeforeARestartIsFinishedAfterItWithTheSameMasterKey() throws Exception {
        byte[] song = bytes(150_000, 4);
        Path masterKey = root.resolve("restart/master.key");
        UploadId id;
        byte[] keyBefore;
        try (CairnNode node = start("restart", Map.of())) {
            signIn(node);
            id = create(node, song.length).id();
            node.uploads().patch(OWNER, id, Chunk.of(0, new ByteArrayInputStream(song, 0, 60_000)));
            keyBefore = Files.readAllBytes(masterKey);
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(masterKey)))
                .isEqualTo("rw-------");

        try (CairnNode node = start("restart", Map.of())) {
            assertThat(Files.readAllBytes(masterKey)).isEqualTo(keyBefore);
            UploadSession finished = node.uploads()
                    .patch(OWNER, id, Chunk.of(60_000, new ByteArrayInputStream(song, 60_000, song.length - 60_000)));

            ContentId content = finished.contentId().orElseThrow();
            byte[] ciphertext = Files.readAllBytes(blobFile("restart", content));
            assertThat(ContentId.ofBlob(ciphertext)).isEqualTo(content);
            assertThat(decrypt("restart", node.contents().find(content).orElseThrow(), ciphertext))
                    .isEqualTo(song);
        }
    }

    /** A node whose upkeep keeps the production schedule: its first run comes after the test. */
    CairnNode start(String name, Map<String, String> extra) throws IOException {
        return start(name, extra, UploadMaintenance.Schedule.DEFAULT);
    }

    CairnNode start(String name, Map<String, String> extra, UploadMaintenance.Schedule schedule) throws IOException {
        var env = new HashMap<String, String>();
        env.put("DATA_DIR", root.resolve(name).toString());
        env.put("HTTP_PORT", String.valueOf(freePort()));
        // The local user owns the uploads: local mode makes the first request create it, as a tus client's would.
        env.put("LOCAL_MODE", "true");
        env.put("LOG_LEVEL", "WARN");
        env.putAll(extra);
        NodeConfig config = NodeConfig.fromEnv(env, HostResolver.system()).config();
        return CairnNode.start(config, clock, "test", schedule);
    }

    /** Uploads must belong to a known user: one authenticated request creates the local user. */
    static void signIn(CairnNode node) throws Exception {
        assertThat(httpGet(node, "/api/v1/account.me", Map.of("Authorization", "local"))
                        .statusCode())
                .isEqualTo(200);
    }

    static UploadSession create(CairnNode node, long length) {
        return node.uploads()
                .create(OWNER, OptionalLong.of(length), Map.of("filename", "song.bin"), Concatenation.NONE);
    }

    /** Creates an upload and sends {@code bytes} in two PATCHes, the first up to {@code cut}. */
    static UploadSession upload(CairnNode node, byte[] bytes, int cut) {
        UploadId id = create(node, bytes.length).id();
        UploadSession half = node.uploads().patch(OWNER, id, Chunk.of(0, new ByteArrayInputStream(bytes, 0, cut)));
        assertThat(half.offset()).isEqualTo(cut);
        UploadSession finished = node.uploads()
                .patch(OWNER, id, Chunk.of(cut, new ByteArrayInputStream(bytes, cut, bytes.length - cut)));
        assertThat(finished.finished()).isTrue();
        return finished;
    }

    /** The reason {@code request} fails with, or null if it succeeds. */
    static UploadFailure failure(Runnable request) {
        try {
            request.run();
            return null;
        } catch (UploadException e) {
            return e.reason();
        }
    }

    static Cid cid(CairnNode node, ContentId id) {
        return node.contents().find(id).orElseThrow().ipfsCid().orElse(null);
    }

    /** The plaintext of {@code ciphertext}, with the content key unwrapped by the master key file of {@code name}. */
    static byte[] decrypt(String name, ContentRecord content, byte[] ciphertext) throws IOException {
        var masterKey = MasterKeyFile.load(root.resolve(name).resolve("master.key"), RandomBytes.secure());
        var key = masterKey.unwrap(content.wrappedKey(), KeyContext.content(content.id()));
        try (InputStream in =
                CtrCipher.jce().decrypting(key, 0, Channels.newChannel(new ByteArrayInputStream(ciphertext)))) {
            return in.readAllBytes();
        }
    }

    /** Where {@code LocalFileBlobStore} keeps a blob: {@code blobs/<first two hex digits>/<hex>}. */
    static Path blobFile(String name, ContentId id) {
        return root.resolve(name)
                .resolve("blobs")
                .resolve(id.hex().substring(0, 2))
                .resolve(id.hex());
    }

    static HttpResponse<String> httpGet(CairnNode node, String path, Map<String, String> headers) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + path));
        headers.forEach(request::header);
        try (var client = HttpClient.newHttpClient()) {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    static byte[] bytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT.toSeconds() + " s: " + what);
            }
            Thread.sleep(50);
        }
    }

    static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
