package dev.cairn.app.upload;

import dev.cairn.app.Main;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * One {@code cairn run} in local mode as a real process, configured by environment variables only, as an operator
 * would run it: its own JVM on the test class path, a data directory, a port and {@code MAX_CONTENT_SIZE_MB}.
 * {@link #kill()} is SIGKILL, which leaves the embedded PostgreSQL running as an orphan; the next node on the same
 * data directory takes it over, and {@link #close()} stops it if none did.
 */
final class NodeProcess implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(90);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final Path dataDir;
    private final int port;
    private final List<String> output = new CopyOnWriteArrayList<>();

    private NodeProcess(Process process, Path dataDir, int port) {
        this.process = process;
        this.dataDir = dataDir;
        this.port = port;
        Thread.ofVirtual().start(this::collectOutput);
    }

    /**
     * Starts a local-mode node on {@code dataDir} and {@code port} and waits until it is ready.
     *
     * @param extra further variables, which override the defaults
     */
    static NodeProcess start(Path dataDir, int port, long maxContentSizeMb, Map<String, String> extra)
            throws IOException, InterruptedException {
        var env = new HashMap<String, String>();
        env.put("LOCAL_MODE", "true");
        env.put("DATA_DIR", dataDir.toString());
        env.put("HTTP_PORT", Integer.toString(port));
        env.put("MAX_CONTENT_SIZE_MB", Long.toString(maxContentSizeMb));
        env.put("LOG_FORMAT", "text");
        env.putAll(extra);
        var command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // As the jar's manifest says: Commons Crypto loads OpenSSL through JNI (else a warning on stdout).
                "--enable-native-access=ALL-UNNAMED",
                // FFmpeg's natives extracted once for every node the tests start (the build sets it; else the default).
                "-Dorg.bytedeco.javacpp.cachedir="
                        + System.getProperty(
                                "org.bytedeco.javacpp.cachedir",
                                Path.of(System.getProperty("user.home"), ".javacpp", "cache")
                                        .toString()),
                "-cp",
                // Surefire runs tests from a manifest-only jar; it publishes the real class path in this property.
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                Main.class.getName(),
                "run");
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        var node = new NodeProcess(builder.start(), dataDir, port);
        try {
            node.awaitReady();
        } catch (AssertionError | InterruptedException e) {
            node.close();
            throw e;
        }
        return node;
    }

    /** A free port on this machine, for a node that will keep it across restarts. */
    static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    int port() {
        return port;
    }

    Path dataDir() {
        return dataDir;
    }

    long pid() {
        return process.pid();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** The tus creation URL. */
    URI tusEndpoint() {
        return uri("/api/v1/upload.tus");
    }

    /** Waits until the node prints a line containing {@code text}; fails the test after {@link #WAIT}. */
    void awaitOutput(String text) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (output.stream().noneMatch(line -> line.contains(text))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the node did not print '" + text + "' within " + WAIT + ":\n" + output());
            }
            if (!process.isAlive()) {
                throw new AssertionError("the node exited before printing '" + text + "':\n" + output());
            }
            Thread.sleep(5);
        }
    }

    /** How many lines the node printed that contain {@code text}. */
    long linesContaining(String text) {
        return output.stream().filter(line -> line.contains(text)).count();
    }

    /** What the node printed so far, for failure messages. */
    String output() {
        return String.join("\n", output);
    }

    private void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the node exited with " + process.exitValue() + ":\n" + output());
            }
            try {
                HttpResponse<String> response = HTTP.send(
                        HttpRequest.newBuilder(uri("/api/system.ready"))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                last = response.body();
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                last = e.toString(); // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the node was not ready within " + WAIT + "; last answer: " + last + "\n" + output());
    }

    /** SIGTERM, and the node must exit by itself: its shutdown hook stops the server and the database. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("the node did not exit within " + WAIT + " of SIGTERM:\n" + output());
        }
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed or closed by the node. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("the node survived SIGKILL for " + WAIT);
        }
    }

    /** Kills the node if it still runs, then stops an embedded PostgreSQL it left behind. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
        stopOrphanedPostgres();
    }

    private void stopOrphanedPostgres() throws InterruptedException {
        Path pidFile = dataDir.resolve("postgres/postmaster.pid");
        try {
            if (!Files.exists(pidFile)) {
                return;
            }
            long pid = Long.parseLong(Files.readAllLines(pidFile).getFirst().strip());
            var postmaster = ProcessHandle.of(pid);
            if (postmaster.isEmpty()) {
                return;
            }
            // SIGINT is PostgreSQL's fast shutdown; Java can only send TERM or KILL itself.
            new ProcessBuilder("kill", "-INT", Long.toString(pid)).start().waitFor();
            postmaster.get().onExit().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (IOException | RuntimeException | java.util.concurrent.ExecutionException e) {
            throw new AssertionError("could not stop the PostgreSQL left in " + dataDir + ": " + e, e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the PostgreSQL left in " + dataDir + " did not stop within " + WAIT, e);
        }
    }

    private void collectOutput() {
        try (var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                output.add(line);
            }
        } catch (IOException e) {
            // the process ended
        }
    }
}
