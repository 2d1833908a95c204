package dev.cairn.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code cairn content-id} agrees with the reference BLAKE3 tool, {@code b3sum}, on sizes around its boundaries. */
class ContentIdMatchesB3sumTest {
    @TempDir
    static Path tmp;

    @BeforeAll
    static void requireB3sum() throws InterruptedException {
        try {
            Process p = new ProcessBuilder("b3sum", "--version")
                    .redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            if (p.waitFor() != 0) {
                fail("b3sum --version exited with " + p.exitValue());
            }
        } catch (IOException e) {
            fail("b3sum is not installed or not on PATH (" + e.getMessage() + "); these tests compare ContentIds"
                    + " with it. Install it: apt-get install b3sum, or cargo install b3sum.");
        }
    }

    // 0 and 1 byte; one BLAKE3 chunk (1024) and one past it; the CLI's 64 KiB read buffer plus one; 1 MiB plus one.
    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 1024, 1025, 65_537, 1_048_577})
    void contentIdEqualsB3sum(int size) throws Exception {
        byte[] blob = new byte[size];
        new Random(size).nextBytes(blob);
        Path file = Files.write(tmp.resolve("blob-" + size), blob);

        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int status = new Cli(Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true))
                .run("content-id", file.toString());

        assertThat(status).as("exit status; stderr: %s", err).isEqualTo(Cli.OK);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(b3sum(file));
    }

    private static String b3sum(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("b3sum", "--no-names", file.toString()).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("b3sum exit status").isZero();
        return output;
    }
}
