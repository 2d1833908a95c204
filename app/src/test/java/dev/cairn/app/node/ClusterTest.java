package dev.cairn.app.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.adapters.http.ipfs.FakeKubo;
import dev.cairn.app.config.NodeConfig;
import dev.cairn.core.auth.HostResolver;
import dev.cairn.core.dht.ContentMeta;
import dev.cairn.core.dht.MetaKey;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.id.NodeId;
import dev.cairn.core.ipfs.Cid;
import dev.cairn.core.port.SystemClock;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Five real nodes on loopback, each with its own data directory, embedded PostgreSQL and (fake) Kubo, configured only
 * through the environment with shortened intervals and k = 2: they find each other from one bootstrap address, place a
 * blob on R_target holders that fetch and verify it over HTTP, fail over when a holder stops, a restarted node keeps
 * its NodeId, records and blobs, and an upload's IPFS CID reaches its record and its holders' daemons. The steps
 * build on each other, so they run in order on one cluster.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterTest {
    static final int NODES = 5;
    /** Generous bounds for convergence on a loaded 2-core machine; the protocol's own bounds are seconds here. */
    static final Duration CONVERGE = Duration.ofSeconds(60);

    @TempDir
    static Path root;

    final List<Map<String, String>> envs = new ArrayList<>();
    final CairnNode[] nodes = new CairnNode[NODES];
    final FakeKubo[] kubos = new FakeKubo[NODES];
    ContentId content;
    int stopped = -1;

    @BeforeAll
    void startCluster() throws IOException {
        // The embedded PostgreSQL runs as nobody when the tests run as root: it must pass through the temp dir.
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx--x--x"));
        int[] ports = new int[NODES];
        for (int i = 0; i < NODES; i++) {
            ports[i] = freePort();
            kubos[i] = FakeKubo.start();
        }
        for (int i = 0; i < NODES; i++) {
            var env = new HashMap<String, String>();
            env.put("DATA_DIR", root.resolve("node" + i).toString());
            env.put("HTTP_PORT", String.valueOf(ports[i]));
            env.put("NODE_PRIVACY", "public");
            env.put("PUBLIC_HOST", "http://127.0.0.1:" + ports[i]);
            if (i > 0) {
                env.put("BOOTSTRAP_PEERS", "http://127.0.0.1:" + ports[0]);
            }
            env.put("HANDSHAKE_INTERVAL_SEC", "1");
            env.put("DHT_MEMBERSHIP_TTL", "30");
            env.put("DHT_MIN_RECEIPTS", "2");
            env.put("DHT_HEARTBEAT_INTERVAL", "1");
            env.put("DHT_HEARTBEAT_MISS_THRESHOLD", "3");
            env.put("DHT_LEASE_TTL", "15");
            // Every node calls from 127.0.0.1: the per-address handshake limit must allow the whole cluster.
            env.put("HANDSHAKE_RATE_PER_SEC", "200");
            env.put("HANDSHAKE_RATE_BURST", "200");
            env.put("LOG_LEVEL", "WARN");
            env.put("IPFS_API_URL", kubos[i].apiUrl().toString());
            if (i == 0) {
                env.put("LOCAL_MODE", "true"); // node 0 takes an upload from the local user
            }
            envs.add(Map.copyOf(env));
        }
        for (int i = 0; i < NODES; i++) {
            nodes[i] = start(i);
        }
    }

    @AfterAll
    void stopCluster() {
        for (CairnNode node : nodes) {
            if (node != null) {
                node.close();
            }
        }
        for (FakeKubo kubo : kubos) {
            if (kubo != null) {
                kubo.close();
            }
        }
    }

    CairnNode start(int i) throws IOException {
        NodeConfig config =
                NodeConfig.fromEnv(envs.get(i), HostResolver.system()).config();
        return CairnNode.start(config, SystemClock.INSTANCE, "test");
    }

    @Test
    @Order(1)
    void theNodesFindEachOtherFromOneBootstrapAddressAndAgreeOnTheirNumber() {
        awaitTrue(
                "every node sees the four others active",
                () -> {
                    for (CairnNode node : nodes) {
                        if (node.membership().activeMembers().size() != NODES - 1) {
                            return false;
                        }
                    }
                    return true;
                },
                this::membershipSummary);
        for (CairnNode node : nodes) {
            assertThat(node.membership().nEstimate())
                    .as("N_estimate at %s", node.nodeId())
                    .isEqualTo(NODES);
        }
    }

    @Test
    @Order(2)
    void aBlobStoredOnOneNodeReachesTheTargetNumberOfHoldersEachVerified() throws IOException {
        byte[] blob = new byte[300_000];
        new Random(7).nextBytes(blob);
        content = nodes[0].importBlob(new ByteArrayInputStream(blob));
        assertThat(content).isEqualTo(ContentId.ofBlob(blob));

        awaitTrue("three nodes pin the blob", () -> replicaHolders().size() == 3);
        for (int i : replicaHolders()) {
            assertThat(nodes[i].holds(content)).as("node %d stores the blob", i).isTrue();
            assertThat(nodes[i].dht().get(new MetaKey(content)))
                    .as("node %d has the record", i)
                    .isPresent();
        }
    }

    @Test
    @Order(3)
    void whenAHolderStopsAnotherNodeTakesItsPlace() {
        List<Integer> holders = replicaHolders();
        stopped = holders.stream().filter(i -> i != 0).findFirst().orElse(holders.getFirst());
        NodeId gone = nodes[stopped].nodeId();
        nodes[stopped].close();
        var before = new ArrayList<>(holders);
        before.remove(Integer.valueOf(stopped));

        awaitTrue("three live nodes pin the blob again", () -> replicaHolders().size() == 3);
        assertThat(replicaHolders()).containsAll(before).doesNotContain(stopped);
        assertThat(gone).isNotNull();
    }

    @Test
    @Order(4)
    void aRestartedNodeKeepsItsNodeIdRecordsAndBlobsAndRejoinsFromThePeersItRemembers() throws IOException {
        NodeId id = nodes[stopped].nodeId();
        // Without its bootstrap peer: it must find the cluster again from the peers it remembers.
        var env = new HashMap<>(envs.get(stopped));
        env.remove("BOOTSTRAP_PEERS");
        envs.set(stopped, Map.copyOf(env));
        nodes[stopped] = start(stopped);

        assertThat(nodes[stopped].nodeId()).isEqualTo(id);
        assertThat(nodes[stopped].holds(content))
                .as("the blob it held survives the restart")
                .isTrue();
        assertThat(nodes[stopped].dht().get(new MetaKey(content)))
                .as("its record survives")
                .isPresent();
        awaitTrue(
                "the restarted node rejoins",
                () -> nodes[stopped].membership().activeMembers().size() == NODES - 1);
    }

    @Test
    @Order(5)
    void anUploadsCidReachesItsRecordAndEveryHolderPinsItInItsOwnKubo() throws Exception {
        stopped = -1; // restarted: every node is live again
        NodeUploadTest.signIn(nodes[0]);
        ContentId uploaded = NodeUploadTest.upload(nodes[0], NodeUploadTest.bytes(120_000, 11), 50_000)
                .contentId()
                .orElseThrow();
        awaitTrue("the uploader's Kubo computes the CID", () -> NodeUploadTest.cid(nodes[0], uploaded) != null);
        Cid cid = NodeUploadTest.cid(nodes[0], uploaded);

        awaitTrue(
                "three holders pin the upload, each in its Kubo too, and hold a record with its CID",
                () -> {
                    List<Integer> holders = replicaHolders(uploaded);
                    return holders.size() == 3
                            && holders.stream()
                                    .allMatch(i -> kubos[i].pins().contains(cid.value())
                                            && metaOf(i, uploaded).ipfsCid().equals(Optional.of(cid)));
                },
                () -> "\n  holders " + replicaHolders(uploaded));
        for (int i : replicaHolders(uploaded)) {
            if (i != 0) {
                assertThat(kubos[i].requests())
                        .as("node %d pinned the CID by pin/add, not by adding the blob", i)
                        .anyMatch(uri -> uri.getPath().equals("/api/v0/pin/add")
                                && uri.getQuery().contains("arg=" + cid.value()))
                        .noneMatch(uri -> uri.getPath().equals("/api/v0/add"));
            }
        }
    }

    private ContentMeta metaOf(int node, ContentId id) {
        return nodes[node]
                .dht()
                .get(new MetaKey(id))
                .map(r -> (ContentMeta) r.value())
                .orElse(ContentMeta.empty());
    }

    /** Indexes of the live nodes that pin the blob as lease holders. */
    private List<Integer> replicaHolders() {
        return replicaHolders(content);
    }

    private List<Integer> replicaHolders(ContentId content) {
        var out = new ArrayList<Integer>();
        for (int i = 0; i < NODES; i++) {
            if (i != stopped && nodes[i].pinsReplica(content) && nodes[i].holds(content)) {
                out.add(i);
            }
        }
        return out;
    }

    private String membershipSummary() {
        var out = new StringBuilder();
        for (int i = 0; i < NODES; i++) {
            if (i != stopped) {
                var m = nodes[i].membership();
                out.append(String.format(
                        "%n  node %d: %d members, %d active, N_estimate %d",
                        i, m.members().size(), m.activeMembers().size(), m.nEstimate()));
            }
        }
        return out.toString();
    }

    private static void awaitTrue(String what, BooleanSupplier condition) {
        awaitTrue(what, condition, () -> "");
    }

    private static void awaitTrue(String what, BooleanSupplier condition, Supplier<String> state) {
        long deadline = System.nanoTime() + CONVERGE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + CONVERGE.toSeconds() + " s: " + what + state.get());
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting: " + what, e);
            }
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
