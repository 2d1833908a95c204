package dev.cairn.app;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cairn run} as real processes with nothing but environment variables: a node starts on the embedded
 * PostgreSQL, a second node pointed at the first joins it, SIGTERM stops each cleanly, and a restart keeps the NodeId.
 */
class RunProcessTest {
    static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    Path tmp;

    final HttpClient http = HttpClient.newHttpClient();
    final List<Node> started = new ArrayList<>();

    record Node(Process process, int port, List<String> stdout) {
        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }
    }

    @AfterEach
    void killLeftovers() {
        started.forEach(n -> n.process().destroyForcibly());
    }

    @Test
    void aNodeStartsAloneASecondJoinsItAndBothStopCleanlyOnSigterm() throws Exception {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwx--x--x"));
        int portA = freePort();
        Node a = run(Map.of(
                "DATA_DIR",
                tmp.resolve("a").toString(),
                "HTTP_PORT",
                Integer.toString(portA),
                "NODE_PRIVACY",
                "public",
                "PUBLIC_HOST",
                "http://127.0.0.1:" + portA));
        String nodeIdA = awaitBody(a, "/api/system.version", b -> b.contains("\"node_id\""));
        awaitBody(a, "/api/system.ready", b -> b.contains("\"ready\":true"));
        assertThat(a.stdout()).as("log lines on stdout are JSON").isNotEmpty().allMatch(l -> l.startsWith("{"));

        int portB = freePort();
        Node b = run(Map.of(
                "DATA_DIR",
                tmp.resolve("b").toString(),
                "HTTP_PORT",
                Integer.toString(portB),
                "NODE_PRIVACY",
                "public",
                "PUBLIC_HOST",
                "http://127.0.0.1:" + portB,
                "BOOTSTRAP_PEERS",
                "http://127.0.0.1:" + portA));
        awaitBody(b, "/metrics", body -> body.contains("dht_active_members 1.0"));
        awaitBody(a, "/metrics", body -> body.contains("dht_active_members 1.0"));

        stop(b);
        stop(a);
        assertThat(tmp.resolve("a/postgres/postmaster.pid"))
                .as("the embedded database was shut down")
                .doesNotExist();

        Node again = run(Map.of("DATA_DIR", tmp.resolve("a").toString(), "HTTP_PORT", Integer.toString(portA)));
        assertThat(awaitBody(again, "/api/system.version", body -> body.contains("\"node_id\"")))
                .as("the restarted node answers with the same NodeId")
                .contains(nodeIdOf(nodeIdA));
        stop(again);
    }

    private Node run(Map<String, String> env) throws IOException {
        var command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // As the jar's manifest says: Commons Crypto loads OpenSSL through JNI (else a warning on stdout).
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                Main.class.getName(),
                "run");
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        var lines = new CopyOnWriteArrayList<String>();
        Thread.ofVirtual().start(() -> {
            try (var reader =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        });
        var node = new Node(process, Integer.parseInt(env.get("HTTP_PORT")), lines);
        started.add(node);
        return node;
    }

    /** SIGTERM, then the process must exit by itself (the shutdown hook stops the server and the database). */
    private static void stop(Node node) throws InterruptedException {
        node.process().destroy();
        assertThat(node.process().waitFor(WAIT.toSeconds(), TimeUnit.SECONDS))
                .as("the node exits after SIGTERM; its output:%n%s", String.join("\n", node.stdout()))
                .isTrue();
    }

    private String awaitBody(Node node, String path, Predicate<String> done) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            if (!node.process().isAlive()) {
                throw new AssertionError("the node exited:\n" + String.join("\n", node.stdout()));
            }
            try {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(node.uri(path))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                last = response.body();
                if (done.test(last)) {
                    return last;
                }
            } catch (IOException e) {
                last = e.toString(); // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no answer from " + path + " within " + WAIT + "; last: " + last + "\n"
                + String.join("\n", node.stdout()));
    }

    private static String nodeIdOf(String versionBody) {
        int at = versionBody.indexOf("\"node_id\":\"") + "\"node_id\":\"".length();
        return versionBody.substring(at, at + 64);
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
