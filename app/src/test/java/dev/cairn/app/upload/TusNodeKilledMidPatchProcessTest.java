package dev.cairn.app.upload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.app.upload.TusClients.Result;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node is SIGKILLed while a slow client is in the middle of a PATCH, restarted on the same data directory and
 * port, and a real client (tus-js-client) resumes the upload from the offset a HEAD gives. The content that results
 * must be exactly the one an uninterrupted upload would have made: its ContentId is BLAKE3 of the original bytes
 * encrypted under the content's recorded key from offset 0, and its blob decrypts to the original bytes.
 */
class TusNodeKilledMidPatchProcessTest {
    static final int SIZE = 1_500_000;
    static final int ACKNOWLEDGED = 512 * 1024;
    static final int SLOW_BYTES_PER_SECOND = 128 * 1024;

    @TempDir
    Path tmp;

    final RawTus tus = new RawTus();
    NodeProcess node;

    @BeforeAll
    static void requireClients() {
        TusClients.requireInstalled();
    }

    @AfterEach
    void closeNode() throws InterruptedException {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void anUploadKilledMidPatchResumesAfterRestartIntoTheContentAnUninterruptedUploadMakes() throws Exception {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwx--x--x"));
        Path dataDir = tmp.resolve("node");
        int port = NodeProcess.freePort();
        byte[] bytes = new byte[SIZE];
        new Random(42).nextBytes(bytes);
        Path file = Files.write(tmp.resolve("upload.bin"), bytes);

        node = NodeProcess.start(dataDir, port, 2, Map.of());
        var created = tus.create(node.tusEndpoint(), SIZE);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        URI upload = RawTus.location(node.tusEndpoint(), created);
        var first = tus.patch(upload, 0, Arrays.copyOf(bytes, ACKNOWLEDGED), Map.of());
        assertThat(first.statusCode()).as(first.body()).isEqualTo(204);

        var sent = new AtomicLong();
        CompletableFuture<HttpResponse<String>> slow = tus.slowPatch(
                upload, ACKNOWLEDGED, Arrays.copyOfRange(bytes, ACKNOWLEDGED, SIZE), SLOW_BYTES_PER_SECOND, sent);
        awaitSent(sent, 256 * 1024, slow);
        node.kill();
        long sentBeforeKill = sent.get();
        assertThat(slow).as("the PATCH in flight is not acknowledged").failsWithin(Duration.ofSeconds(30));

        node = NodeProcess.start(dataDir, port, 2, Map.of());
        var head = tus.head(upload);
        assertThat(head.statusCode()).as("HEAD after the restart").isEqualTo(200);
        long offset = Long.parseLong(head.headers().firstValue("Upload-Offset").orElseThrow());
        assertThat(offset)
                .as("the offset keeps what was acknowledged and never passes what was sent")
                .isBetween((long) ACKNOWLEDGED, ACKNOWLEDGED + sentBeforeKill);

        Result resumed =
                TusClients.js(node.tusEndpoint(), file, "--upload-url", upload.toString(), "--chunk-size", "262144");

        assertThat(resumed.ok()).as("%s", resumed).isTrue();
        assertThat(resumed.uploadUrl()).as("the same upload: %s", resumed).contains(upload);
        assertThat(resumed.head().flatMap(TusClients.Head::offset))
                .as("%s", resumed)
                .contains((long) SIZE);
        String contentId = resumed.contentId().orElseThrow(() -> new AssertionError("no Cairn-Content-Id: " + resumed));
        assertThat(resumed.head().flatMap(TusClients.Head::contentId)).contains(contentId);
        UploadedContent content = UploadedContent.fetch(node, tus, contentId, bytes);

        node.stop();
        try (var store = StoppedNodeStore.open(dataDir)) {
            content.checkKey(store);
        }
    }

    /** Waits until the slow PATCH has handed {@code bytes} to the connection, with the node still on it. */
    private static void awaitSent(AtomicLong sent, long bytes, CompletableFuture<?> patch) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (sent.get() < bytes) {
            if (patch.isDone()) {
                throw new AssertionError("the slow PATCH ended early: " + patch.get());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the slow PATCH sent only " + sent.get() + " bytes in 30 s");
            }
            Thread.sleep(20);
        }
    }
}
