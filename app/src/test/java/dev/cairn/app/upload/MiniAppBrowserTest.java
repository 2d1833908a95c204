package dev.cairn.app.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
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

    @TempDir
    static Path dataDir;

    private static NodeProcess node;

    @BeforeAll
    static void startNode() throws IOException, InterruptedException {
        requireInstalled();
        node = NodeProcess.start(dataDir, NodeProcess.freePort(), 5, Map.of());
    }

    @AfterAll
    static void stopNode() throws InterruptedException {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void theMiniAppUploadsAFileAndHoldsItsLayoutInChromium() throws IOException, InterruptedException {
        Path artifacts = Path.of("target/mini-app").toAbsolutePath();
        var command = List.of("node", "--test", "--test-reporter=spec", "--test-concurrency=1", "e2e/");
        var builder = new ProcessBuilder(command).directory(frontend().toFile()).redirectErrorStream(true);
        builder.environment().put("CAIRN_URL", node.uri("").toString());
        builder.environment().put("CAIRN_ARTIFACTS", artifacts.toString());
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
