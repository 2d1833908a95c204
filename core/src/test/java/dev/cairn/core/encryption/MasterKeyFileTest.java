package dev.cairn.core.encryption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.hash.Digest256;
import dev.cairn.core.id.ContentId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterKeyFileTest {
    @TempDir
    Path dir;

    private Path keyFile() {
        return dir.resolve("keys").resolve("master.key");
    }

    @Test
    void a_missing_key_file_is_created_with_32_random_bytes_readable_by_the_owner_only() throws IOException {
        MasterKey key = MasterKeyFile.loadOrCreate(keyFile(), TestRandom.seeded(1));

        assertThat(keyFile()).isRegularFile().hasSize(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile())))
                .isEqualTo("rw-------");
        assertThat(Files.readAllBytes(keyFile())).isEqualTo(key.toBytes());
        try (Stream<Path> files = Files.list(keyFile().getParent())) {
            assertThat(files).as("no temporary file left behind").containsExactly(keyFile());
        }
    }

    @Test
    void the_same_key_is_loaded_again_by_a_later_instance() throws IOException {
        MasterKey first = MasterKeyFile.loadOrCreate(keyFile(), TestRandom.seeded(1));
        ContentId id = new ContentId(Digest256.blake3(new byte[] {42}));
        ContentKey contentKey = ContentKey.generate(TestRandom.seeded(2));
        WrappedKey wrapped = first.wrap(contentKey, KeyContext.content(id));

        MasterKey second = MasterKeyFile.loadOrCreate(keyFile(), TestRandom.seeded(3));

        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.unwrap(wrapped, KeyContext.content(id))).isEqualTo(contentKey);
    }

    @Test
    void a_key_file_readable_by_others_is_refused_naming_the_path_and_the_permissions() throws IOException {
        MasterKeyFile.loadOrCreate(keyFile(), TestRandom.seeded(1));
        Files.setPosixFilePermissions(keyFile(), PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> MasterKeyFile.loadOrCreate(keyFile(), TestRandom.seeded(1)))
                .isInstanceOfSatisfying(
                        MasterKeyFileException.class, e -> assertThat(e.path()).isEqualTo(keyFile()))
                .hasMessageContaining(keyFile().toString())
                .hasMessageContaining("rw-r--r--")
                .hasMessageContaining("0644")
                .hasMessageContaining("chmod 600");
    }

    @Test
    void a_key_file_readable_by_its_group_is_refused() throws IOException {
        MasterKeyFile.loadOrCreate(keyFile(), TestRandom.seeded(1));
        Files.setPosixFilePermissions(keyFile(), PosixFilePermissions.fromString("rw-r-----"));

        assertThatThrownBy(() -> MasterKeyFile.load(keyFile(), TestRandom.seeded(1)))
                .isInstanceOf(MasterKeyFileException.class)
                .hasMessageContaining("0640");
    }

    @Test
    void a_read_only_key_file_of_the_owner_is_accepted() throws IOException {
        MasterKey created = MasterKeyFile.loadOrCreate(keyFile(), TestRandom.seeded(1));
        Files.setPosixFilePermissions(keyFile(), PosixFilePermissions.fromString("r--------"));

        assertThat(MasterKeyFile.load(keyFile(), TestRandom.seeded(1)).id()).isEqualTo(created.id());
    }

    @Test
    void a_key_file_of_the_wrong_length_is_refused_naming_the_path_and_the_length() throws IOException {
        for (int length : new int[] {0, 31, 33, 64}) {
            Path file = dir.resolve("key-" + length);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(file, new byte[length]);

            assertThatThrownBy(() -> MasterKeyFile.loadOrCreate(file, TestRandom.seeded(1)))
                    .isInstanceOf(MasterKeyFileException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("has " + length + " bytes")
                    .hasMessageContaining("exactly 32");
        }
    }

    @Test
    void a_directory_is_not_a_key_file() throws IOException {
        Files.createDirectories(keyFile());

        assertThatThrownBy(() -> MasterKeyFile.loadOrCreate(keyFile(), TestRandom.seeded(1)))
                .isInstanceOf(MasterKeyFileException.class)
                .hasMessageContaining("not a regular file");
    }

    @Test
    void loading_without_creating_names_a_missing_file() {
        assertThatThrownBy(() -> MasterKeyFile.load(keyFile(), TestRandom.seeded(1)))
                .isInstanceOf(MasterKeyFileException.class)
                .hasMessageContaining(keyFile().toString())
                .hasMessageContaining("does not exist");
    }

    @Test
    void processes_racing_to_create_the_key_all_end_up_with_the_same_one() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<MasterKey>> racers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                long seed = i;
                racers.add(pool.submit(() -> MasterKeyFile.loadOrCreate(keyFile(), TestRandom.seeded(seed))));
            }
            Set<String> ids = racers.stream()
                    .map(MasterKeyFileTest::join)
                    .map(MasterKey::id)
                    .collect(Collectors.toSet());

            assertThat(ids).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    private static MasterKey join(Future<MasterKey> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
