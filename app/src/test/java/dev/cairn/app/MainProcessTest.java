package dev.cairn.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code Main} as a real process: real environment, real exit status, real streams. */
class MainProcessTest {
    @TempDir
    Path tmp;

    record Result(int status, String stdout, String stderr) {}

    @Test
    void nodeIdPrintsTheSameIdInEveryProcess() throws Exception {
        Result first = cairn(tmp.resolve("data"), "node-id");
        Result second = cairn(tmp.resolve("data"), "node-id");

        assertThat(first.status()).as(first.stderr()).isZero();
        assertThat(first.stdout()).matches("[0-9a-f]{64}\n");
        assertThat(second.stdout()).isEqualTo(first.stdout());
        assertThat(Files.exists(tmp.resolve("data/node.key"))).isTrue();
    }

    @Test
    void exitStatusesReachTheShell() throws Exception {
        assertThat(cairn(tmp, "content-id", tmp.resolve("missing").toString()).status())
                .isEqualTo(Cli.FAILURE);
        Result none = cairn(tmp);
        assertThat(none.status()).isEqualTo(Cli.USAGE);
        assertThat(none.stderr()).startsWith("Usage: cairn");
        assertThat(cairn(tmp, "--help").status()).isEqualTo(Cli.OK);
    }

    private static Result cairn(Path dataDir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // As the jar's manifest says: Commons Crypto loads OpenSSL through JNI (else a warning on stdout).
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                testClassPath(),
                Main.class.getName()));
        command.addAll(List.of(args));
        var builder = new ProcessBuilder(command);
        builder.environment().put("DATA_DIR", dataDir.toString());
        Process process = builder.start();
        var stdout = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        var stderr = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("cairn " + String.join(" ", args) + " did not finish within 60 s");
        }
        return new Result(process.exitValue(), stdout.join(), stderr.join());
    }

    /** Surefire runs tests from a manifest-only jar; it publishes the real class path in this property. */
    private static String testClassPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
