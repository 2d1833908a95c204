package dev.cairn.app.upload;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The real tus clients of {@code app/src/test/tus-clients}: tus-js-client through {@code upload.mjs} on Node, and
 * tuspy through {@code upload.py} on Debian's {@code /usr/bin/python3}. Each run is one process that prints one JSON
 * line, read into a {@link Result}. {@link #requireInstalled()} fails with what to install when a client is missing
 * ({@code .ci/run} installs both).
 */
final class TusClients {
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final String LOCAL_AUTH = "Authorization: local";
    /** Debian's interpreter: python3-tuspy installs for it, not for a python3 that may come first on PATH. */
    static final String PYTHON = "/usr/bin/python3";

    private static final ObjectMapper JSON = new ObjectMapper();

    private TusClients() {}

    /** The client directory, found from the module directory Maven runs tests in, or from the repository root. */
    static Path directory() {
        for (Path candidate : List.of(Path.of("src/test/tus-clients"), Path.of("app/src/test/tus-clients"))) {
            if (Files.isDirectory(candidate)) {
                return candidate.toAbsolutePath();
            }
        }
        throw new AssertionError(
                "app/src/test/tus-clients not found from " + Path.of("").toAbsolutePath() + "; run tests from app/");
    }

    /** Fails the calling test class, saying what to install, unless Node with tus-js-client and tuspy are present. */
    static void requireInstalled() {
        Path dir = directory();
        check(
                List.of("node", "-e", "import('tus-js-client').then(() => process.exit(0))"),
                dir,
                "Node.js >= 20 with tus-js-client is needed: install Node.js, then `npm ci` in " + dir
                        + " (.ci/run does both)");
        check(
                List.of(PYTHON, "-c", "import tusclient"),
                dir,
                "tuspy for " + PYTHON + " is needed: apt-get install python3-tuspy (.ci/run does it)");
    }

    private static void check(List<String> command, Path dir, String remedy) {
        try {
            Process p = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                fail(remedy + "; `" + String.join(" ", command) + "` said: " + out.strip());
            }
        } catch (IOException e) {
            fail(remedy + " (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted while checking " + command);
        }
    }

    /** A tus-js-client upload of {@code file} to {@code endpoint}; {@code options} are upload.mjs's. */
    static Result js(URI endpoint, Path file, String... options) {
        var command = new ArrayList<>(List.of("node", "upload.mjs"));
        command.addAll(List.of("--endpoint", endpoint.toString(), "--file", file.toString(), "--header", LOCAL_AUTH));
        command.addAll(List.of(options));
        return run(command);
    }

    /** A tuspy upload of {@code file} to {@code endpoint}; {@code options} are upload.py's. */
    static Result python(URI endpoint, Path file, String... options) {
        var command = new ArrayList<>(List.of(PYTHON, "upload.py"));
        command.addAll(List.of("--endpoint", endpoint.toString(), "--file", file.toString(), "--header", LOCAL_AUTH));
        command.addAll(List.of(options));
        return run(command);
    }

    private static Result run(List<String> command) {
        try {
            Process p =
                    new ProcessBuilder(command).directory(directory().toFile()).start();
            var stdout = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
            var stderr = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
            if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(command + " did not finish within " + TIMEOUT);
            }
            String out = stdout.join().strip();
            if (p.exitValue() > 1 || out.isEmpty()) {
                throw new AssertionError(
                        command + " exited with " + p.exitValue() + "; stdout: " + out + "; stderr: " + stderr.join());
            }
            return Result.parse(out.lines().reduce((a, b) -> b).orElseThrow());
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        }
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What a client printed.
     *
     * @param ok the upload finished (or was aborted as asked)
     * @param uploadUrl the upload's URL, if one was created
     * @param contentId the {@code Cairn-Content-Id} of the last response, if it had one
     * @param errorStatus the HTTP status that failed the upload, if one did
     * @param head what a HEAD on the upload answered after the client was done, if there is an upload
     * @param json the whole line, for failure messages
     */
    record Result(
            boolean ok,
            boolean aborted,
            Optional<URI> uploadUrl,
            Optional<String> contentId,
            Optional<Integer> errorStatus,
            Optional<Head> head,
            String json) {
        static Result parse(String line) {
            try {
                JsonNode root = JSON.readTree(line);
                return new Result(
                        root.path("ok").asBoolean(),
                        root.path("aborted").asBoolean(),
                        text(root, "uploadUrl").map(URI::create),
                        text(root, "contentId"),
                        number(root, "errorStatus").map(Long::intValue),
                        root.hasNonNull("head") ? Optional.of(Head.of(root.get("head"))) : Optional.empty(),
                        line);
            } catch (IOException e) {
                throw new AssertionError("the client printed no JSON: " + line, e);
            }
        }

        @Override
        public String toString() {
            return json;
        }
    }

    /** A HEAD's answer: status, Upload-Offset, Upload-Length, Cairn-Content-Id. */
    record Head(int status, Optional<Long> offset, Optional<Long> length, Optional<String> contentId) {
        static Head of(JsonNode node) {
            return new Head(
                    node.path("status").asInt(),
                    number(node, "offset"),
                    number(node, "length"),
                    text(node, "contentId"));
        }
    }

    private static Optional<String> text(JsonNode node, String field) {
        return node.hasNonNull(field) ? Optional.of(node.get(field).asText()) : Optional.empty();
    }

    private static Optional<Long> number(JsonNode node, String field) {
        return node.hasNonNull(field) ? Optional.of(node.get(field).asLong()) : Optional.empty();
    }
}
