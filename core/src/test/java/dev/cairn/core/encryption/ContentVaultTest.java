package dev.cairn.core.encryption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.blob.BlobStore;
import dev.cairn.core.blob.InMemoryBlobStore;
import dev.cairn.core.blob.LocalFileBlobStore;
import dev.cairn.core.blob.NoSuchBlobException;
import dev.cairn.core.hash.Digest256;
import dev.cairn.core.id.ContentId;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ContentVaultTest {
    private final BlobStore blobs = new InMemoryBlobStore();
    private final MasterKey master = MasterKey.generate(TestRandom.seeded(100));
    private final ContentVault vault =
            new ContentVault(blobs, master, CtrCipher.preferOpenSsl(), TestRandom.seeded(200));

    @TempDir
    Path dir;

    static byte[] plaintext(int size) {
        return EncryptingSinkTest.randomBytes(size, size);
    }

    static byte[] read(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 15, 16, 17, 4096, 5 * 1024 * 1024 + 3})
    void stored_content_reads_back_as_the_same_bytes(int size) throws IOException {
        byte[] plaintext = plaintext(size);

        StoredContent stored = vault.store(new ByteArrayInputStream(plaintext));

        assertThat(stored.size()).isEqualTo(size);
        assertThat(blobs.size(stored.id())).isEqualTo(size);
        assertThat(read(vault.open(stored.id(), stored.wrappedKey()))).isEqualTo(plaintext);
    }

    @Test
    void the_content_id_is_the_blake3_of_the_blob_file_on_disk_which_is_not_the_plaintext() throws IOException {
        byte[] plaintext = plaintext(100_000);
        try (var local = LocalFileBlobStore.open(dir)) {
            var onDisk = new ContentVault(local, master, CtrCipher.preferOpenSsl(), TestRandom.seeded(1));

            StoredContent stored = onDisk.store(new ByteArrayInputStream(plaintext));

            Path file = dir.resolve(stored.id().hex().substring(0, 2))
                    .resolve(stored.id().hex());
            byte[] blob = Files.readAllBytes(file);
            assertThat(stored.id()).isEqualTo(new ContentId(Digest256.blake3(blob)));
            assertThat(blob).hasSameSizeAs(plaintext).isNotEqualTo(plaintext);
        }
    }

    @Test
    void two_contents_get_different_keys_and_ivs_even_with_the_same_plaintext() throws IOException {
        byte[] plaintext = plaintext(1000);

        StoredContent a = vault.store(new ByteArrayInputStream(plaintext));
        StoredContent b = vault.store(new ByteArrayInputStream(plaintext));

        assertThat(a.id()).isNotEqualTo(b.id());
        ContentKey keyA = master.unwrap(a.wrappedKey(), KeyContext.content(a.id()));
        ContentKey keyB = master.unwrap(b.wrappedKey(), KeyContext.content(b.id()));
        assertThat(keyA.key()).isNotEqualTo(keyB.key());
        assertThat(keyA.iv()).isNotEqualTo(keyB.iv());
    }

    @Test
    void the_same_randomness_gives_the_same_content_id() throws IOException {
        byte[] plaintext = plaintext(777);
        var twin = new ContentVault(new InMemoryBlobStore(), master, CtrCipher.jce(), TestRandom.seeded(200));

        assertThat(twin.store(new ByteArrayInputStream(plaintext)).id())
                .isEqualTo(vault.store(new ByteArrayInputStream(plaintext)).id());
    }

    @Property(tries = 1000)
    void any_range_decrypts_to_that_slice_of_the_plaintext(
            @ForAll @IntRange(max = 2000) int size,
            @ForAll @LongRange(max = 2000) long from,
            @ForAll @LongRange(max = 2000) long to)
            throws IOException {
        byte[] plaintext = plaintext(size);
        StoredContent stored = vault.store(new ByteArrayInputStream(plaintext));
        long offset = Math.min(Math.min(from, to), size);
        long end = Math.min(Math.max(from, to), size);

        byte[] range = read(vault.openRange(stored.id(), stored.wrappedKey(), offset, end - offset));

        assertThat(range).isEqualTo(Arrays.copyOfRange(plaintext, (int) offset, (int) end));
    }

    @ParameterizedTest(name = "[{0}, {0}+{1}) of 100 000 bytes")
    @CsvSource({
        "0, 0", // empty at the start
        "100000, 0", // empty at the end
        "0, 100000", // everything
        "99999, 1", // the last byte
        "5, 11", // inside one block
        "7, 70000", // mid-block to mid-block across buffers
        "65536, 34464", // from a buffer boundary to the end
        "16, 16", // exactly one block
    })
    void edge_ranges_decrypt_to_their_slice(long offset, long length) throws IOException {
        byte[] plaintext = plaintext(100_000);
        StoredContent stored = vault.store(new ByteArrayInputStream(plaintext));

        byte[] range = read(vault.openRange(stored.id(), stored.wrappedKey(), offset, length));

        assertThat(range).isEqualTo(Arrays.copyOfRange(plaintext, (int) offset, (int) (offset + length)));
    }

    @ParameterizedTest(name = "offset {0}, length {1} of 100 bytes")
    @CsvSource({"-1, 10", "0, -1", "0, 101", "100, 1", "101, 0", "50, 9223372036854775807"})
    void ranges_outside_the_content_are_rejected_naming_the_range_and_the_size(long offset, long length)
            throws IOException {
        StoredContent stored = vault.store(new ByteArrayInputStream(plaintext(100)));

        assertThatThrownBy(() -> vault.openRange(stored.id(), stored.wrappedKey(), offset, length))
                .isInstanceOfSatisfying(InvalidRangeException.class, e -> {
                    assertThat(e.size()).isEqualTo(100);
                    assertThat(e.offset()).isEqualTo(offset);
                    assertThat(e.length()).isEqualTo(length);
                })
                .hasMessageContaining("offset=" + offset)
                .hasMessageContaining("length=" + length)
                .hasMessageContaining("of 100 bytes");
    }

    @Test
    void reading_content_that_is_not_stored_names_its_id() {
        ContentId missing = new ContentId(Digest256.blake3(new byte[] {9}));
        WrappedKey someKey = master.wrap(ContentKey.generate(TestRandom.seeded(1)), KeyContext.content(missing));

        assertThatThrownBy(() -> vault.openRange(missing, someKey, 0, 0))
                .isInstanceOf(NoSuchBlobException.class)
                .hasMessageContaining(missing.hex());
    }

    @Test
    void the_key_of_one_content_does_not_open_another() throws IOException {
        StoredContent a = vault.store(new ByteArrayInputStream(plaintext(10)));
        StoredContent b = vault.store(new ByteArrayInputStream(plaintext(10)));

        assertThatThrownBy(() -> vault.open(b.id(), a.wrappedKey()))
                .isInstanceOfSatisfying(
                        KeyUnwrapException.class,
                        e -> assertThat(e.reason()).isEqualTo(KeyUnwrapException.Reason.AUTHENTICATION_FAILED));
    }

    @Test
    void a_node_with_another_master_key_cannot_read_the_content() throws IOException {
        StoredContent stored = vault.store(new ByteArrayInputStream(plaintext(10)));
        var stranger = new ContentVault(
                blobs, MasterKey.generate(TestRandom.seeded(999)), CtrCipher.preferOpenSsl(), TestRandom.seeded(1));

        assertThatThrownBy(() -> stranger.open(stored.id(), stored.wrappedKey()))
                .isInstanceOfSatisfying(
                        KeyUnwrapException.class,
                        e -> assertThat(e.reason()).isEqualTo(KeyUnwrapException.Reason.WRONG_MASTER_KEY));
    }

    @Test
    void content_written_but_not_committed_leaves_no_blob() throws IOException {
        try (NewContent content = vault.create()) {
            content.write(plaintext(200_000));
            assertThat(content.size()).isEqualTo(200_000);
        }

        try (Stream<ContentId> all = blobs.list()) {
            assertThat(all).isEmpty();
        }
    }

    @Test
    void a_plaintext_stream_that_fails_midway_leaves_no_blob_on_disk() throws IOException {
        try (var local = LocalFileBlobStore.open(dir)) {
            var onDisk = new ContentVault(local, master, CtrCipher.preferOpenSsl(), TestRandom.seeded(1));
            InputStream failing =
                    new java.io.SequenceInputStream(new ByteArrayInputStream(plaintext(300_000)), new InputStream() {
                        @Override
                        public int read() throws IOException {
                            throw new IOException("upload connection reset");
                        }
                    });

            assertThatThrownBy(() -> onDisk.store(failing)).hasMessageContaining("connection reset");

            try (Stream<Path> files = Files.walk(dir)) {
                assertThat(files.filter(Files::isRegularFile)
                                .map(p -> p.getFileName().toString()))
                        .containsExactly(".lock");
            }
        }
    }

    @Test
    void a_blob_truncated_on_disk_fails_the_read_instead_of_returning_short_content() throws IOException {
        try (var local = LocalFileBlobStore.open(dir)) {
            var onDisk = new ContentVault(local, master, CtrCipher.preferOpenSsl(), TestRandom.seeded(1));
            StoredContent stored = onDisk.store(new ByteArrayInputStream(plaintext(100_000)));
            InputStream range = onDisk.openRange(stored.id(), stored.wrappedKey(), 10, 99_990);
            Path file = dir.resolve(stored.id().hex().substring(0, 2))
                    .resolve(stored.id().hex());
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(50_000);
            }

            assertThatThrownBy(() -> read(range))
                    .isInstanceOf(EOFException.class)
                    .hasMessageContaining(stored.id().hex())
                    .hasMessageContaining("truncated");
        }
    }
}
