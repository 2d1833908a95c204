package dev.cairn.core.encryption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.hash.Digest256;
import dev.cairn.core.id.ContentId;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.Channels;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EncryptingSinkTest {
    private static final CtrCipher CIPHER = CtrCipher.preferOpenSsl();

    static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 15, 16, 17, 65_535, 65_536, 65_537, 3 * 1024 * 1024 + 5})
    void what_goes_in_decrypts_to_the_same_bytes_and_the_id_is_the_blake3_of_the_ciphertext(int size)
            throws IOException {
        var key = ContentKey.generate(TestRandom.seeded(size));
        byte[] plaintext = randomBytes(size, 7);
        var out = new ByteArrayOutputStream();

        EncryptedBlob blob;
        try (var sink = EncryptingSink.start(CIPHER, key, Channels.newChannel(out))) {
            assertThat(sink.transferFrom(new ByteArrayInputStream(plaintext))).isEqualTo(size);
            assertThat(sink.position()).isEqualTo(size);
            blob = sink.finish();
        }
        byte[] ciphertext = out.toByteArray();

        assertThat(blob.size()).isEqualTo(size);
        assertThat(ciphertext).hasSize(size);
        assertThat(blob.id()).isEqualTo(new ContentId(Digest256.blake3(ciphertext)));
        assertThat(CtrCipherTest.decrypt(CIPHER, key, 0, ciphertext)).isEqualTo(plaintext);
    }

    @Test
    void the_ciphertext_does_not_reveal_the_plaintext() throws IOException {
        byte[] zeros = new byte[4096];
        var out = new ByteArrayOutputStream();
        try (var sink =
                EncryptingSink.start(CIPHER, ContentKey.generate(TestRandom.seeded(1)), Channels.newChannel(out))) {
            sink.write(zeros);
            sink.finish();
        }

        assertThat(out.toByteArray()).isNotEqualTo(zeros);
        long zeroBytes = countZeros(out.toByteArray());
        assertThat(zeroBytes).as("about 1 in 256 keystream bytes is zero").isLessThan(64);
    }

    private static long countZeros(byte[] bytes) {
        long n = 0;
        for (byte b : bytes) {
            n += b == 0 ? 1 : 0;
        }
        return n;
    }

    @Property(tries = 1000)
    void resuming_at_any_offset_produces_the_same_ciphertext_and_id_as_one_pass(
            @ForAll @IntRange(max = 3000) int size, @ForAll @IntRange(max = 3000) int cut, @ForAll long seed)
            throws IOException {
        int offset = Math.min(cut, size);
        var key = ContentKey.generate(TestRandom.seeded(seed));
        byte[] plaintext = randomBytes(size, seed);

        var onePass = new ByteArrayOutputStream();
        EncryptedBlob whole;
        try (var sink = EncryptingSink.start(CIPHER, key, Channels.newChannel(onePass))) {
            sink.write(plaintext);
            whole = sink.finish();
        }

        var stored = new ByteArrayOutputStream();
        try (var first = EncryptingSink.start(CIPHER, key, Channels.newChannel(stored))) {
            first.write(plaintext, 0, offset);
            first.finish();
        }
        byte[] prefix = stored.toByteArray();
        var prefixHash = EncryptingSink.hashPrefix(Channels.newChannel(new ByteArrayInputStream(prefix)), offset);
        EncryptedBlob resumed;
        try (var second = EncryptingSink.resume(CIPHER, key, offset, prefixHash, Channels.newChannel(stored))) {
            assertThat(second.position()).isEqualTo(offset);
            second.write(plaintext, offset, size - offset);
            resumed = second.finish();
        }

        assertThat(stored.toByteArray()).isEqualTo(onePass.toByteArray());
        assertThat(resumed).isEqualTo(whole);
    }

    @Test
    void writing_byte_by_byte_gives_the_same_result_as_one_write() throws IOException {
        var key = ContentKey.generate(TestRandom.seeded(3));
        byte[] plaintext = randomBytes(100, 3);
        var bulk = new ByteArrayOutputStream();
        var single = new ByteArrayOutputStream();

        EncryptedBlob a;
        EncryptedBlob b;
        try (var sink = EncryptingSink.start(CIPHER, key, Channels.newChannel(bulk))) {
            sink.write(plaintext);
            a = sink.finish();
        }
        try (var sink = EncryptingSink.start(CIPHER, key, Channels.newChannel(single))) {
            for (byte x : plaintext) {
                sink.write(x);
            }
            b = sink.finish();
        }

        assertThat(b).isEqualTo(a);
        assertThat(single.toByteArray()).isEqualTo(bulk.toByteArray());
    }

    @Test
    void rebuilding_the_hash_from_a_prefix_shorter_than_claimed_fails_naming_both_lengths() {
        var tooShort = Channels.newChannel(new ByteArrayInputStream(new byte[10]));

        assertThatThrownBy(() -> EncryptingSink.hashPrefix(tooShort, 20))
                .isInstanceOf(EOFException.class)
                .hasMessageContaining("after 10 of 20 bytes");
    }

    @Test
    void a_finished_sink_accepts_nothing_more() throws IOException {
        var sink = EncryptingSink.start(
                CIPHER, ContentKey.generate(TestRandom.seeded(4)), Channels.newChannel(new ByteArrayOutputStream()));
        sink.finish();

        assertThatThrownBy(() -> sink.write(1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("finished");
        assertThatThrownBy(sink::finish).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_sink_closed_without_finishing_writes_nothing_more_to_its_destination() throws IOException {
        var out = new ByteArrayOutputStream();
        var sink = EncryptingSink.start(CIPHER, ContentKey.generate(TestRandom.seeded(5)), Channels.newChannel(out));
        sink.write(new byte[1000]); // still in the cipher's buffer

        sink.close();

        assertThat(out.size()).isZero();
        assertThatThrownBy(() -> sink.write(1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("abandoned");
    }

    @Test
    void a_negative_resume_offset_is_rejected_naming_it() {
        assertThatThrownBy(() -> EncryptingSink.resume(
                        CIPHER,
                        ContentKey.generate(TestRandom.seeded(6)),
                        -5,
                        dev.cairn.core.hash.Blake3.newHasher(),
                        Channels.newChannel(new ByteArrayOutputStream())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-5");
    }

    @Test
    void the_destination_stays_open_after_finish() throws IOException {
        var out = Channels.newChannel(new ByteArrayOutputStream());
        try (var sink = EncryptingSink.start(CIPHER, ContentKey.generate(TestRandom.seeded(8)), out)) {
            sink.write(Arrays.copyOf(new byte[] {1}, 33));
            sink.finish();
        }

        assertThat(out.isOpen()).isTrue();
    }
}
