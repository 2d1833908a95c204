package dev.cairn.app.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.adapters.http.upload.TusServer;
import dev.cairn.adapters.telegram.FakeBotApi;
import dev.cairn.app.node.SineWave;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Mini App in real Chromium against a real node: a local-mode node process serves the built app, and
 * {@code frontend/e2e/mini-app.test.mjs} (node --test, playwright-core driving Debian's /usr/bin/chromium) uploads a
 * generated file through the upload page and checks the content page's layout at 320, 390 and 768 px. Screenshots go
 * to {@code app/target/mini-app/}.
 */
class MiniAppBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;

    /** The buyer of the real purchase: a Telegram user other than the local user who uploads. */
    private static final long BUYER = 4242;

    private static NodeProcess node;
    private static FakeBotApi telegram;
    private static StarsPaymentStandIn pay;

    @BeforeAll
    static void startNode() throws IOException, InterruptedException {
        requireInstalled();
        telegram = FakeBotApi.start(TusServer.TOKEN).username("cairn_client_bot");
        pay = StarsPaymentStandIn.start(telegram);
        node = NodeProcess.start(
                dataDir,
                NodeProcess.freePort(),
                5,
                Map.of(
                        "TELEGRAM_CLIENT_BOT_TOKEN",
                        TusServer.TOKEN,
                        "TELEGRAM_BOT_API_URL",
                        telegram.baseUrl().toString()));
    }

    @AfterAll
    static void stopNode() throws InterruptedException {
        if (node != null) {
            node.close();
        }
        if (pay != null) {
            pay.close();
        }
        if (telegram != null) {
            telegram.close();
        }
    }

    @Test
    void theMiniAppUploadsAFileAndHoldsItsLayoutInChromium() throws IOException, InterruptedException {
        Path artifacts = Path.of("target/mini-app").toAbsolutePath();
        var command = List.of("node", "--test", "--test-reporter=spec", "--test-concurrency=1", "e2e/");
        var builder = new ProcessBuilder(command).directory(frontend().toFile()).redirectErrorStream(true);
        builder.environment().put("CAIRN_URL", node.uri("").toString());
        builder.environment().put("CAIRN_ARTIFACTS", artifacts.toString());
        // The real purchase: a song of the local user's, ready and priced, bought by BUYER through the page.
        builder.environment().put("CAIRN_CONTENT_ID", pricedSong());
        builder.environment().put("CAIRN_PAY_URL", pay.url());
        builder.environment().put("CAIRN_BOT_TOKEN", TusServer.TOKEN);
        builder.environment().put("CAIRN_BUYER_ID", Long.toString(BUYER));
        Process run = builder.start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!run.waitFor(5, TimeUnit.MINUTES)) {
            run.destroyForcibly();
            fail("the browser tests did not finish within 5 minutes:\n" + output);
        }
        System.out.println(output);

        assertThat(run.exitValue())
                .as("node --test e2e/ failed:\n%s\nnode:\n%s", output, node.output())
                .isZero();
        assertThat(artifacts.resolve("content-320.png")).exists();
        assertThat(artifacts.resolve("upload-landed.png")).exists();
        assertThat(artifacts.resolve("purchase-real-owned.png")).exists();
        assertThat(pay.paid()).as("the stand-in settled exactly one invoice").isEqualTo(1);
    }

    /** Uploads a generated song as the local user, waits until it is converted, prices it at 50 Stars. */
    private static String pricedSong() throws IOException, InterruptedException {
        try (var client = HttpClient.newHttpClient()) {
            var uploaded = client.send(
                    HttpRequest.newBuilder(node.uri("/api/v1/storage?filename=for-sale.wav&title=For%20sale"))
                            .header("Authorization", "local")
                            .header("Content-Type", "audio/wav")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(SineWave.wav(4, 44_100, 2)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
            String id = JSON.readTree(uploaded.body()).get("content_id").asText();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (true) {
                var view = client.send(
                        HttpRequest.newBuilder(node.uri("/api/v1/content.view/" + id))
                                .header("Authorization", "local")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                String status = JSON.readTree(view.body()).get("status").asText();
                if (status.equals("ready")) {
                    break;
                }
                if (status.equals("failed") || System.nanoTime() > deadline) {
                    fail("the song for sale is " + status + ": " + view.body());
                }
                Thread.sleep(250);
            }
            var priced = client.send(
                    HttpRequest.newBuilder(node.uri("/api/v1/content.prices/" + id))
                            .header("Authorization", "local")
                            .header("Content-Type", "application/json")
                            .PUT(HttpRequest.BodyPublishers.ofString("{\"stars\":50}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(priced.statusCode()).as(priced.body()).isEqualTo(200);
            return id;
        }
    }

    /** The frontend module, found from app/ (where Maven runs tests) or from the repository root. */
    private static Path frontend() {
        for (Path candidate : List.of(Path.of("../frontend"), Path.of("frontend"))) {
            if (Files.isRegularFile(candidate.resolve("e2e/mini-app.test.mjs"))) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        throw new AssertionError("frontend/e2e not found from " + Path.of("").toAbsolutePath());
    }

    private static void requireInstalled() {
        if (!Files.isExecutable(CHROMIUM)) {
            fail(CHROMIUM + " is needed: apt-get install chromium (.ci/run does it)");
        }
        if (!Files.isDirectory(frontend().resolve("node_modules/playwright-core"))) {
            fail("playwright-core is needed in " + frontend()
                    + "/node_modules: the frontend module's build runs npm ci (or run it there by hand)");
        }
    }
}
