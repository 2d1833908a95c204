package dev.cairn.core.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeKeyFileTest {
    private static final String SEED = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    private static final String NODE_ID = "6c31041268f471609c79f5f2dbcc38e4a4ab2f4d416109a4e09fcf50fd0f0062";
    private static final String VALID = "cairn-node-key-v1\nseed=" + SEED + "\nnode-id=" + NODE_ID + "\n";

    @TempDir
    Path dir;

    private final SecureRandom random = new SecureRandom();

    @Test
    void createsAnOwnerOnlyFileOnFirstUseAndLeavesNothingElse() throws IOException {
        Path file = dir.resolve("node.key");

        NodeIdentity identity = NodeKeyFile.loadOrCreate(file, random);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(Files.readString(file, StandardCharsets.US_ASCII))
                .hasSize(NodeKeyFile.LENGTH)
                .startsWith("cairn-node-key-v1\nseed=")
                .endsWith("\nnode-id=" + identity.nodeId().hex() + "\n");
        try (var entries = Files.list(dir)) {
            assertThat(entries).containsExactly(file);
        }
    }

    @Test
    void loadsTheSameIdentityEveryTime() throws IOException {
        Path file = dir.resolve("node.key");

        NodeIdentity first = NodeKeyFile.loadOrCreate(file, random);
        NodeIdentity second = NodeKeyFile.loadOrCreate(file, random);
        NodeIdentity third = NodeKeyFile.load(file);

        assertThat(second.nodeId()).isEqualTo(first.nodeId());
        assertThat(third.nodeId()).isEqualTo(first.nodeId());
        assertThat(third.publicKey()).isEqualTo(first.publicKey());
    }

    @Test
    void readsTheDocumentedFormat() throws IOException {
        Path file = write(VALID, "rw-------");

        assertThat(NodeKeyFile.load(file).nodeId().hex()).isEqualTo(NODE_ID);
        assertThat(NodeKeyFile.format(NodeKeyFile.load(file))).asString().isEqualTo(VALID);
    }

    @Test
    void acceptsAReadOnlyOwnerFile() throws IOException {
        assertThat(NodeKeyFile.load(write(VALID, "r--------")).nodeId().hex()).isEqualTo(NODE_ID);
    }

    @Test
    void refusesAWorldReadableFileAndDoesNotReplaceIt() throws IOException {
        Path file = write(VALID, "rw-r--r--");

        assertRefused(file, "its permissions are rw-r--r--", "chmod 600 " + file);
        assertThat(Files.readString(file)).isEqualTo(VALID);
    }

    @Test
    void refusesAGroupReadableFile() throws IOException {
        assertRefused(write(VALID, "rw-r-----"), "rw-r-----");
    }

    @Test
    void refusesAGroupWritableFile() throws IOException {
        assertRefused(write(VALID, "rw--w----"), "rw--w----");
    }

    @Test
    void refusesATruncatedFile() throws IOException {
        Path file = write(VALID.substring(0, 100), "rw-------");

        assertRefused(file, "it has 100 bytes", "exactly 161");
        assertThat(Files.size(file)).isEqualTo(100);
    }

    @Test
    void refusesAnEmptyFile() throws IOException {
        assertRefused(write("", "rw-------"), "it has 0 bytes");
    }

    @Test
    void refusesACorruptSeed() throws IOException {
        String corrupt = VALID.replace("seed=9d61", "seed=9d62");

        assertRefused(write(corrupt, "rw-------"), "corrupt", "node-id line says " + NODE_ID);
    }

    @Test
    void refusesACorruptNodeId() throws IOException {
        String corrupt = VALID.replace("node-id=6c31", "node-id=6c32");

        assertRefused(write(corrupt, "rw-------"), "corrupt", "seed gives NodeId " + NODE_ID);
    }

    @Test
    void refusesAnotherVersionOrFormat() throws IOException {
        assertRefused(write(VALID.replace("-v1", "-v2"), "rw-------"), "first line is not 'cairn-node-key-v1'");
        assertRefused(write(VALID.replace("seed=", "SEED="), "rw-------"), "line 2 is not 'seed='");
        assertRefused(write(VALID.replace(SEED, SEED.toUpperCase()), "rw-------"), "line 2", "lowercase hex");
        assertRefused(write(VALID.replace("\nnode-id=", "nnode-id="), "rw-------"), "exactly three lines");
    }

    @Test
    void refusesADirectory() throws IOException {
        Path file = Files.createDirectory(dir.resolve("node.key"));

        assertRefused(file, "not a regular file");
    }

    @Test
    void loadingAMissingFileSaysSo() {
        assertThatThrownBy(() -> NodeKeyFile.load(dir.resolve("absent.key"))).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void concurrentCreatorsAllEndUpWithTheSameIdentity() throws Exception {
        Path file = dir.resolve("node.key");
        int threads = 6;
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(threads);
        try {
            var results = new ArrayList<Future<NodeIdentity>>();
            for (int i = 0; i < threads; i++) {
                Callable<NodeIdentity> task = () -> {
                    start.await();
                    return NodeKeyFile.loadOrCreate(file, new SecureRandom());
                };
                results.add(pool.submit(task));
            }
            start.countDown();
            var ids = new HashSet<NodeId>();
            for (var result : results) {
                ids.add(result.get().nodeId());
            }

            assertThat(ids).containsExactly(NodeKeyFile.load(file).nodeId());
        } finally {
            pool.shutdownNow();
        }
    }

    private Path write(String content, String permissions) throws IOException {
        Path file = Files.createTempFile(dir, "node", ".key");
        Files.writeString(file, content, StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }

    private static void assertRefused(Path file, String... problems) {
        assertThatThrownBy(() -> NodeKeyFile.load(file))
                .isInstanceOfSatisfying(
                        InvalidNodeKeyFileException.class,
                        e -> assertThat(e.path()).isEqualTo(file))
                .hasMessageStartingWith("refusing node key file " + file + ": ")
                .hasMessageContainingAll(problems)
                .hasMessageContaining("never replaced automatically")
                .message()
                .doesNotContain(SEED)
                .doesNotContain(SEED.toUpperCase());
        assertThatThrownBy(() -> NodeKeyFile.loadOrCreate(file, new SecureRandom()))
                .isInstanceOf(InvalidNodeKeyFileException.class);
    }

    @Test
    void temporaryKeysAbandonedByACrashedCreatorAreDeletedButYoungOnesAreLeft() throws IOException {
        Path file = dir.resolve("node.key");
        Path abandoned = Files.createFile(dir.resolve(".node.key.123.tmp"));
        Path young = Files.createFile(dir.resolve(".node.key.456.tmp"));
        Path unrelated = Files.createFile(dir.resolve("notes.tmp"));
        long now = 1_800_000_000_000L;
        Files.setLastModifiedTime(abandoned, java.nio.file.attribute.FileTime.fromMillis(now - 120_000));
        Files.setLastModifiedTime(young, java.nio.file.attribute.FileTime.fromMillis(now - 1_000));

        NodeKeyFile.loadOrCreate(file, random, new dev.cairn.core.port.ManualClock(now));

        assertThat(abandoned).doesNotExist();
        assertThat(young).exists();
        assertThat(unrelated).exists();
        assertThat(file).exists();
    }
}
