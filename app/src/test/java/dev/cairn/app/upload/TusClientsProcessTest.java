package dev.cairn.app.upload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.app.upload.TusClients.Result;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real tus clients against a real node process: tus-js-client (Node) and tuspy (Python) upload through every tus
 * extension the node offers, and a raw client sends what they never would. Each finished upload is checked while the
 * node runs (its blob hashes to the announced ContentId) and, once the node has stopped, against the node's own
 * database and master key (the original bytes encrypted under the content's key are that blob).
 *
 * <p>One node serves the whole class, with {@code MAX_CONTENT_SIZE_MB=2}, so files stay small and the class quick, and
 * {@code UPLOAD_EXPIRY_SEC=60}, the shortest allowed: an upload made at the start expires while the other tests run,
 * and the last test finds it gone.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TusClientsProcessTest {
    static final long MAX_CONTENT_SIZE_MB = 2;
    static final int LIMIT = (int) (MAX_CONTENT_SIZE_MB << 20);
    static final int EXPIRY_SECONDS = 60;

    @TempDir
    static Path tmp;

    static NodeProcess node;
    static final RawTus tus = new RawTus();
    static final List<UploadedContent> uploaded = new ArrayList<>();
    static URI expiring;
    static Instant expiresAt;

    @BeforeAll
    static void startNode() throws Exception {
        TusClients.requireInstalled();
        // The embedded PostgreSQL runs as another user when the tests run as root: it must pass through tmp.
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwx--x--x"));
        node = NodeProcess.start(
                tmp.resolve("node"),
                NodeProcess.freePort(),
                MAX_CONTENT_SIZE_MB,
                Map.of("UPLOAD_EXPIRY_SEC", Integer.toString(EXPIRY_SECONDS)));
        var created = tus.create(node.tusEndpoint(), 1_000);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        expiring = RawTus.location(node.tusEndpoint(), created);
        expiresAt = created.headers()
                .firstValue("Upload-Expires")
                .map(date -> ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant())
                .orElseThrow(() -> new AssertionError("no Upload-Expires in " + created.headers()));
        assertThat(tus.patch(expiring, 0, random(400), Map.of()).statusCode()).isEqualTo(204);
    }

    /** Stops the node, then checks every content uploaded above against its database and master key. */
    @AfterAll
    static void everyUploadDecryptsWithTheKeyTheNodeRecorded() throws Exception {
        if (node == null) {
            return;
        }
        try {
            node.stop();
            try (var store = StoppedNodeStore.open(node.dataDir())) {
                for (UploadedContent content : uploaded) {
                    content.checkKey(store);
                }
            }
        } finally {
            node.close();
        }
    }

    @Test
    void tusJsClientUploadsAFileInOnePatch() throws Exception {
        byte[] bytes = random(100_000);
        Result result = TusClients.js(node.tusEndpoint(), file("small", bytes));
        assertFinished(result, bytes);
    }

    @Test
    void tusJsClientUploadsAFileInChunks() throws Exception {
        byte[] bytes = random(700_001);
        Result result = TusClients.js(node.tusEndpoint(), file("chunks", bytes), "--chunk-size", "131072");
        assertFinished(result, bytes);
    }

    @Test
    void tuspyUploadsAFileInChunks() throws Exception {
        byte[] bytes = random(300_000);
        Result result = TusClients.python(node.tusEndpoint(), file("py-chunks", bytes), "--chunk-size", "65536");
        assertFinished(result, bytes);
    }

    @Test
    void tusJsClientUploadsAnEmptyFile() throws Exception {
        Result result = TusClients.js(node.tusEndpoint(), file("empty-js", new byte[0]));
        assertFinished(result, new byte[0]);
    }

    @Test
    void tuspyUploadsAnEmptyFileByCreatingItAlone() throws Exception {
        Result result = TusClients.python(node.tusEndpoint(), file("empty-py", new byte[0]));
        assertFinished(result, new byte[0]);
    }

    @Test
    void aFileOfExactlyMaxContentSizeIsAcceptedFromBothClients() throws Exception {
        byte[] bytes = random(LIMIT);
        Path file = file("limit", bytes);
        assertFinished(TusClients.js(node.tusEndpoint(), file, "--chunk-size", "524288"), bytes);
        assertFinished(TusClients.python(node.tusEndpoint(), file), bytes);
    }

    @Test
    void aFileOneByteOverMaxContentSizeIsRefusedWith413FromBothClients() throws Exception {
        Path file = file("over", random(LIMIT + 1));
        for (Result result :
                List.of(TusClients.js(node.tusEndpoint(), file), TusClients.python(node.tusEndpoint(), file))) {
            assertThat(result.ok()).as("%s", result).isFalse();
            assertThat(result.errorStatus()).as("%s", result).contains(413);
            assertThat(result.uploadUrl())
                    .as("no upload was created: %s", result)
                    .isEmpty();
        }
    }

    @Test
    void aDeferredLengthUploadDeclaresItsLengthWithItsLastChunk() throws Exception {
        byte[] bytes = random(600_000);
        Result result =
                TusClients.js(node.tusEndpoint(), file("deferred", bytes), "--defer-length", "--chunk-size", "262144");
        assertFinished(result, bytes);
    }

    @Test
    void aDeferredLengthUploadOverMaxContentSizeIsRefusedWith413() throws Exception {
        Result result = TusClients.js(
                node.tusEndpoint(),
                file("deferred-over", random(LIMIT + 1)),
                "--defer-length",
                "--chunk-size",
                "1048576");
        assertThat(result.ok()).as("%s", result).isFalse();
        assertThat(result.errorStatus()).as("%s", result).contains(413);
    }

    @Test
    void creationWithUploadSendsTheFirstChunkWithThePost() throws Exception {
        byte[] bytes = random(200_000);
        Result result = TusClients.js(
                node.tusEndpoint(), file("with-upload", bytes), "--with-upload", "--chunk-size", "150000");
        assertFinished(result, bytes);
    }

    @Test
    void parallelUploadsAreConcatenatedIntoOneContent() throws Exception {
        byte[] bytes = random(900_001);
        Result result = TusClients.js(node.tusEndpoint(), file("parallel", bytes), "--parallel", "3");
        assertThat(result.ok()).as("%s", result).isTrue();
        // The final upload is created complete: its HEAD names the content.
        var head = result.head().orElseThrow();
        assertThat(head.offset()).as("%s", result).contains((long) bytes.length);
        uploaded.add(UploadedContent.fetch(node, tus, head.contentId().orElseThrow(), bytes));
    }

    @Test
    void tuspyChecksummedChunksAreAccepted() throws Exception {
        byte[] bytes = random(500_000);
        Result result =
                TusClients.python(node.tusEndpoint(), file("checksum", bytes), "--checksum", "--chunk-size", "131072");
        assertFinished(result, bytes);
    }

    @Test
    void aChunkThatDoesNotMatchItsChecksumIsRefusedWith460AndLeavesTheOffset() throws Exception {
        byte[] bytes = random(64_000);
        URI upload = created(bytes.length);
        assertThat(tus.patch(upload, 0, java.util.Arrays.copyOf(bytes, 32_000), Map.of())
                        .statusCode())
                .isEqualTo(204);
        byte[] rest = java.util.Arrays.copyOfRange(bytes, 32_000, bytes.length);
        byte[] other = rest.clone();
        other[0] ^= 1;

        var refused = tus.patch(upload, 32_000, rest, Map.of("Upload-Checksum", "sha256 " + sha256Base64(other)));

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(460);
        assertThat(offsetOf(upload)).isEqualTo(32_000);
        var accepted = tus.patch(upload, 32_000, rest, Map.of("Upload-Checksum", "sha256 " + sha256Base64(rest)));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(204);
        uploaded.add(UploadedContent.fetch(node, tus, contentIdOf(accepted), bytes));
    }

    @Test
    void aPatchAtAnotherOffsetIsRefusedWith409() throws Exception {
        URI upload = created(10_000);
        assertThat(tus.patch(upload, 0, random(4_000), Map.of()).statusCode()).isEqualTo(204);

        for (long wrong : List.of(0L, 3_999L, 4_001L)) {
            var response = tus.patch(upload, wrong, random(100), Map.of());
            assertThat(response.statusCode())
                    .as("PATCH at %d: %s", wrong, response.body())
                    .isEqualTo(409);
        }
        assertThat(offsetOf(upload)).isEqualTo(4_000);
    }

    @Test
    void anUnsupportedTusVersionIsRefusedWith412NamingTheSupportedOne() throws Exception {
        URI upload = created(10);
        var response = tus.patch(upload, 0, random(10), Map.of("Tus-Resumable", "0.2.2"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(412);
        assertThat(response.headers().allValues("Tus-Version").toString()).contains("1.0.0");
        assertThat(offsetOf(upload)).isZero();
    }

    @Test
    void anAbortedTusJsClientUploadResumesFromItsUrl() throws Exception {
        byte[] bytes = random(1_000_000);
        Path file = file("resume", bytes);
        Result first = TusClients.js(node.tusEndpoint(), file, "--chunk-size", "100000", "--abort-after", "300000");
        assertThat(first.aborted()).as("%s", first).isTrue();
        URI url = first.uploadUrl().orElseThrow();
        long offset = first.head().flatMap(TusClients.Head::offset).orElseThrow();
        assertThat(offset).as("%s", first).isBetween(300_000L, 999_999L);

        Result resumed =
                TusClients.js(node.tusEndpoint(), file, "--chunk-size", "100000", "--upload-url", url.toString());

        assertThat(resumed.uploadUrl())
                .as("the same upload, not a new one: %s", resumed)
                .contains(url);
        assertFinished(resumed, bytes);
    }

    @Test
    void anAbortedUploadResumesThroughTusJsClientsUrlStorage() throws Exception {
        byte[] bytes = random(800_000);
        Path file = file("stored-url", bytes);
        String storage = tmp.resolve("tus-urls.json").toString();
        Result first = TusClients.js(
                node.tusEndpoint(),
                file,
                "--chunk-size",
                "200000",
                "--abort-after",
                "200000",
                "--url-storage",
                storage);
        assertThat(first.aborted()).as("%s", first).isTrue();

        Result resumed = TusClients.js(node.tusEndpoint(), file, "--chunk-size", "200000", "--url-storage", storage);

        assertThat(resumed.uploadUrl()).as("found by fingerprint: %s", resumed).isEqualTo(first.uploadUrl());
        assertFinished(resumed, bytes);
    }

    @Test
    void tuspyResumesAnUploadAnotherClientStarted() throws Exception {
        byte[] bytes = random(400_000);
        URI upload = created(bytes.length);
        assertThat(tus.patch(upload, 0, java.util.Arrays.copyOf(bytes, 150_000), Map.of())
                        .statusCode())
                .isEqualTo(204);

        Result resumed = TusClients.python(
                node.tusEndpoint(),
                file("py-resume", bytes),
                "--upload-url",
                upload.toString(),
                "--chunk-size",
                "100000");

        assertThat(resumed.uploadUrl()).as("%s", resumed).contains(upload);
        assertFinished(resumed, bytes);
    }

    @Test
    @Order(Integer.MAX_VALUE) // last: it waits for the upload made at the start to expire
    void anExpiredUploadIsGoneAndTusJsClientStartsOverWithANewOne() throws Exception {
        Duration left = Duration.between(Instant.now(), expiresAt.plusSeconds(1));
        assertThat(left).as("Upload-Expires is creation + UPLOAD_EXPIRY_SEC").isLessThan(Duration.ofSeconds(61));
        if (left.isPositive()) {
            Thread.sleep(left);
        }

        var patch = tus.patch(expiring, 400, random(600), Map.of());
        // 410 until the node's sweep (every minute) deletes it, 404 after.
        assertThat(patch.statusCode()).as(patch.body()).isIn(410, 404);
        assertThat(tus.head(expiring).statusCode()).isIn(410, 404);

        byte[] bytes = random(1_000);
        Result resumed = TusClients.js(node.tusEndpoint(), file("expired", bytes), "--upload-url", expiring.toString());
        assertThat(resumed.uploadUrl())
                .as("a new upload: %s", resumed)
                .isPresent()
                .isNotEqualTo(Optional.of(expiring));
        assertFinished(resumed, bytes);
    }

    /** The client finished, its last response and a HEAD name the same content, and the node serves its blob. */
    private static void assertFinished(Result result, byte[] bytes) throws IOException, InterruptedException {
        assertThat(result.ok()).as("%s", result).isTrue();
        var head = result.head().orElseThrow(() -> new AssertionError("no upload URL: " + result));
        assertThat(head.status()).as("HEAD: %s", result).isEqualTo(200);
        assertThat(head.offset()).as("HEAD's Upload-Offset: %s", result).contains((long) bytes.length);
        String contentId = head.contentId().orElseThrow(() -> new AssertionError("no Cairn-Content-Id: " + result));
        result.contentId()
                .ifPresent(last -> assertThat(last)
                        .as("the last response's Cairn-Content-Id: %s", result)
                        .isEqualTo(contentId));
        uploaded.add(UploadedContent.fetch(node, tus, contentId, bytes));
    }

    private static URI created(long length) throws IOException, InterruptedException {
        var response = tus.create(node.tusEndpoint(), length);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return RawTus.location(node.tusEndpoint(), response);
    }

    private static long offsetOf(URI upload) throws IOException, InterruptedException {
        var head = tus.head(upload);
        assertThat(head.statusCode()).isEqualTo(200);
        return Long.parseLong(head.headers().firstValue("Upload-Offset").orElseThrow());
    }

    private static String contentIdOf(java.net.http.HttpResponse<?> response) {
        return response.headers()
                .firstValue("Cairn-Content-Id")
                .orElseThrow(() -> new AssertionError("no Cairn-Content-Id in " + response.headers()));
    }

    private static String sha256Base64(byte[] bytes) throws Exception {
        return Base64.getEncoder()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static Path file(String name, byte[] bytes) throws IOException {
        return Files.write(tmp.resolve(name + ".bin"), bytes);
    }
}
