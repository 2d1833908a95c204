package dev.cairn.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line run in-process, with its own environment and captured output. */
class CliTest {
    @TempDir
    Path tmp;

    private String stdout = "";
    private String stderr = "";

    @Test
    void nodeIdIsStableAcrossRunsWithTheSameDataDir() {
        var env = Map.of("DATA_DIR", tmp.resolve("node").toString());

        assertThat(run(env, "node-id")).isEqualTo(Cli.OK);
        String first = stdout;
        assertThat(run(env, "node-id")).isEqualTo(Cli.OK);

        assertThat(first).matches("[0-9a-f]{64}\n");
        assertThat(stdout).isEqualTo(first);
        assertThat(stderr).isEmpty();
    }

    @Test
    void nodeIdDiffersForAnotherDataDir() {
        run(Map.of("DATA_DIR", tmp.resolve("a").toString()), "node-id");
        String a = stdout;
        run(Map.of("DATA_DIR", tmp.resolve("b").toString()), "node-id");

        assertThat(stdout).isNotEqualTo(a);
    }

    @Test
    void nodeIdCreatesTheDataDirAndAnOwnerOnlyKey() throws IOException {
        Path dataDir = tmp.resolve("nested/data");

        assertThat(run(Map.of("DATA_DIR", dataDir.toString()), "node-id")).isEqualTo(Cli.OK);

        assertThat(permissions(dataDir)).isEqualTo("rwx------");
        assertThat(permissions(dataDir.resolve("node.key"))).isEqualTo("rw-------");
    }

    @Test
    void nodeIdRefusesAWorldReadableKeyNamingIt() throws IOException {
        var env = Map.of("DATA_DIR", tmp.toString());
        run(env, "node-id");
        Path key = tmp.resolve("node.key");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(run(env, "node-id")).isEqualTo(Cli.FAILURE);
        assertThat(stdout).isEmpty();
        assertThat(stderr)
                .startsWith("cairn node-id: refusing node key file " + key)
                .contains("rw-r--r--");
    }

    @Test
    void nodeIdRefusesATruncatedKey() throws IOException {
        var env = Map.of("DATA_DIR", tmp.toString());
        run(env, "node-id");
        Path key = tmp.resolve("node.key");
        Files.write(key, new byte[] {'c', 'a'}); // truncates; permissions stay 0600

        assertThat(run(env, "node-id")).isEqualTo(Cli.FAILURE);
        assertThat(stderr).contains(key.toString()).contains("it has 2 bytes");
    }

    @Test
    void aDataDirThatIsARegularFileIsAConfigurationErrorNamingTheVariableAndValue() throws IOException {
        Path file = Files.createFile(tmp.resolve("not-a-dir"));

        assertThat(run(Map.of("DATA_DIR", file.toString()), "node-id")).isEqualTo(Cli.FAILURE);
        assertThat(stderr)
                .startsWith("cairn: configuration error: DATA_DIR='" + file + "' is not a directory; allowed: ");
    }

    @Test
    void aDataDirBelowARegularFileCannotBeCreated() throws IOException {
        Path file = Files.createFile(tmp.resolve("file"));

        assertThat(run(Map.of("DATA_DIR", file.resolve("sub").toString()), "node-id"))
                .isEqualTo(Cli.FAILURE);
        assertThat(stderr).contains("DATA_DIR='" + file.resolve("sub") + "' cannot be created");
    }

    @Test
    void anEmptyDataDirIsAConfigurationError() {
        assertThat(run(Map.of("DATA_DIR", ""), "node-id")).isEqualTo(Cli.FAILURE);
        assertThat(stderr).contains("DATA_DIR='' is empty; allowed: ");
    }

    @Test
    void nodeIdTakesNoArguments() {
        assertThat(run(Map.of("DATA_DIR", tmp.toString()), "node-id", "extra")).isEqualTo(Cli.USAGE);
        assertThat(stderr).contains("node-id takes no arguments, got [extra]");
    }

    @Test
    void contentIdPrintsTheBlake3OfTheFile() throws IOException {
        Path file = Files.writeString(tmp.resolve("blob"), "abc");

        assertThat(run(Map.of(), "content-id", file.toString())).isEqualTo(Cli.OK);
        assertThat(stdout).isEqualTo("6437b3ac38465133ffb63b75273a8db548c558465d79db03fd359c6cd5bd9d85\n");
    }

    @Test
    void contentIdDoesNotNeedAValidDataDir() throws IOException {
        Path file = Files.writeString(tmp.resolve("blob"), "");

        assertThat(run(Map.of("DATA_DIR", ""), "content-id", file.toString())).isEqualTo(Cli.OK);
    }

    @Test
    void contentIdOfAMissingFileFailsNamingIt() {
        Path missing = tmp.resolve("missing");

        assertThat(run(Map.of(), "content-id", missing.toString())).isEqualTo(Cli.FAILURE);
        assertThat(stderr).isEqualTo("cairn content-id: no such file: " + missing + "\n");
        assertThat(stdout).isEmpty();
    }

    @Test
    void contentIdOfADirectoryFails() {
        assertThat(run(Map.of(), "content-id", tmp.toString())).isEqualTo(Cli.FAILURE);
        assertThat(stderr).isEqualTo("cairn content-id: " + tmp + " is a directory, not a file\n");
    }

    @Test
    void contentIdNeedsExactlyOneFile() {
        assertThat(run(Map.of(), "content-id")).isEqualTo(Cli.USAGE);
        assertThat(stderr).contains("content-id takes exactly one FILE, got 0 arguments");
        assertThat(run(Map.of(), "content-id", "a", "b")).isEqualTo(Cli.USAGE);
        assertThat(stderr).contains("got 2 arguments");
    }

    @Test
    void runTakesNoArgumentsAndAnInvalidEnvironmentIsAConfigurationError() {
        assertThat(run(Map.of(), "run", "extra")).isEqualTo(Cli.USAGE);
        assertThat(stderr).contains("run takes no arguments");
        assertThat(run(Map.of("DHT_REPLICATION_TARGET", "two"), "run")).isEqualTo(Cli.FAILURE);
        assertThat(stderr).contains("configuration error", "DHT_REPLICATION_TARGET='two'");
    }

    @Test
    void noArgumentsPrintUsageToStderrAndExitWithTwo() {
        assertThat(run(Map.of())).isEqualTo(Cli.USAGE);
        assertThat(stderr).isEqualTo(Cli.USAGE_TEXT).contains("run ", "BOOTSTRAP_PEERS");
        assertThat(stdout).isEmpty();
    }

    @Test
    void helpPrintsUsageToStdout() {
        for (String[] args : new String[][] {{"--help"}, {"-h"}, {"help"}, {"content-id", "--help"}}) {
            assertThat(run(Map.of(), args)).isEqualTo(Cli.OK);
            assertThat(stdout).isEqualTo(Cli.USAGE_TEXT).contains("node-id", "content-id FILE", "DATA_DIR");
        }
    }

    @Test
    void anUnknownCommandIsAUsageErrorNamingIt() {
        assertThat(run(Map.of(), "frobnicate")).isEqualTo(Cli.USAGE);
        assertThat(stderr).isEqualTo("cairn: unknown command 'frobnicate'\nRun 'cairn --help' for usage.\n");
    }

    private int run(Map<String, String> env, String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int status = new Cli(
                        env,
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(args);
        stdout = out.toString(StandardCharsets.UTF_8);
        stderr = err.toString(StandardCharsets.UTF_8);
        return status;
    }

    private static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
