package dev.cairn.adapters.http.upload;

import static dev.cairn.adapters.http.upload.TusRoutesTest.bytes;
import static dev.cairn.adapters.http.upload.TusRoutesTest.header;
import static dev.cairn.adapters.http.upload.TusServer.ADA;
import static dev.cairn.adapters.http.upload.TusServer.tma;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.id.ContentId;
import dev.cairn.core.upload.UploadConfig;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two requests on one upload at once: one writes, the other is told the upload is busy, and no byte is lost. */
class TusConcurrencyTest {
    @TempDir
    Path dataDir;

    @Test
    void aSecondPatchWhileTheFirstStreamsIs423AndTheFirstKeepsEveryByte() throws Exception {
        byte[] bytes = bytes(64 * 1024, 21);
        String ada = tma(ADA);
        try (var node = new TusServer(dataDir, new UploadConfig(1, Duration.ofHours(1), 8))) {
            var http = new TusHttp(node.port());
            String url = header(
                    http.request("POST", TusRoutes.BASE, ada)
                            .header("Upload-Length", Integer.toString(bytes.length))
                            .send(),
                    "Location");
            var pipe = new PipedOutputStream();
            var body = new PipedInputStream(pipe, 1 << 16);
            CompletableFuture<HttpResponse<String>> slow =
                    CompletableFuture.supplyAsync(() -> http.request("PATCH", url, ada)
                            .header("Upload-Offset", "0")
                            .header("Content-Type", "application/offset+octet-stream")
                            .body(BodyPublishers.ofInputStream(() -> body))
                            .send());
            // More than the client's body buffer, which it fills before it sends anything.
            pipe.write(bytes, 0, 40_000);
            pipe.flush();
            awaitLocked(http, url, ada);

            var second = http.request("PATCH", url, ada)
                    .header("Upload-Offset", "0")
                    .bytes(Arrays.copyOf(bytes, 10))
                    .send();
            assertThat(second.statusCode()).isEqualTo(423);
            assertThat(TusRoutesTest.json(second).get("code").asText()).isEqualTo("upload_locked");
            assertThat(http.request("DELETE", url, ada).send().statusCode()).isEqualTo(423);

            pipe.write(bytes, 40_000, bytes.length - 40_000);
            pipe.close();
            var first = slow.get(30, TimeUnit.SECONDS);
            assertThat(first.statusCode()).isEqualTo(204);
            assertThat(node.plaintext(ContentId.fromHex(header(first, TusRoutes.CONTENT_ID))))
                    .isEqualTo(bytes);
        }
    }

    /** Until a PATCH at offset 0 with no bytes is refused as locked: the streaming one holds the upload. */
    private static void awaitLocked(TusHttp http, String url, String auth) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            int status = http.request("HEAD", url, auth).send().statusCode();
            var probe = http.request("PATCH", url, auth)
                    .header("Upload-Offset", "0")
                    .bytes(new byte[0])
                    .send();
            if (status == 200 && probe.statusCode() == 423) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the streaming PATCH never took the upload");
    }
}
