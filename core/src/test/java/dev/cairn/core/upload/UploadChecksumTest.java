package dev.cairn.core.upload;

import static dev.cairn.core.upload.UploadFixture.ALICE;
import static dev.cairn.core.upload.UploadFixture.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.id.ContentId;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The tus checksum extension: a chunk is checked against the digest of the bytes the client sent (plaintext). */
class UploadChecksumTest {
    static final int SEED = 13;
    static final byte[] BYTES = randomBytes(400 * 1024 + 9, 3);
    static ContentId uninterrupted;

    @TempDir
    Path dir;

    UploadFixture node;

    @BeforeAll
    static void uploadWithoutChecksums(@TempDir Path reference) throws IOException {
        try (var node = new UploadFixture(reference, SEED)) {
            uninterrupted = node.upload(node.create(BYTES.length).id(), BYTES)
                    .contentId()
                    .orElseThrow();
        }
    }

    @AfterEach
    void stop() throws IOException {
        if (node != null) {
            node.close();
        }
    }

    static ChunkChecksum checksum(String algorithm, byte[] bytes, int from, int to) {
        String jdk = switch (algorithm) {
            case "sha1" -> "SHA-1";
            case "sha256" -> "SHA-256";
            case "sha512" -> "SHA-512";
            default -> "MD5";
        };
        try {
            byte[] digest = MessageDigest.getInstance(jdk).digest(Arrays.copyOfRange(bytes, from, to));
            return ChunkChecksum.parseHeader(
                    algorithm + " " + Base64.getEncoder().encodeToString(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    UploadSession send(UploadId id, int from, int to, ChunkChecksum expected) {
        return node.service.patch(
                ALICE,
                id,
                Chunk.of(from, new ByteArrayInputStream(BYTES, from, to - from)).withChecksum(expected));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"sha1", "sha256", "sha512", "md5"})
    void chunksWhoseChecksumsMatchAreTakenAndMakeTheSameContent(String algorithm) throws IOException {
        node = new UploadFixture(dir, SEED);
        UploadId id = node.create(BYTES.length).id();

        assertThat(send(id, 0, 100_001, checksum(algorithm, BYTES, 0, 100_001)).offset())
                .isEqualTo(100_001);
        UploadSession finished = send(id, 100_001, BYTES.length, checksum(algorithm, BYTES, 100_001, BYTES.length));

        assertThat(finished.contentId()).contains(uninterrupted);
        assertThat(node.plaintext(uninterrupted)).isEqualTo(BYTES);
    }

    @Test
    void aChunkThatFailsItsChecksumIsDiscardedAndTheOffsetStays() throws IOException {
        node = new UploadFixture(dir, SEED);
        UploadId id = node.create(BYTES.length).id();
        node.sendUntil(id, BYTES, 100_000);
        ChunkChecksum ofOtherBytes = checksum("sha1", BYTES, 0, 100_000);

        assertThatThrownBy(() -> send(id, 100_000, 250_000, ofOtherBytes))
                .isInstanceOfSatisfying(UploadException.class, e -> {
                    assertThat(e.reason()).isEqualTo(UploadFailure.CHECKSUM_MISMATCH);
                    assertThat(e.getMessage()).contains("sha1").contains("discarded");
                });

        assertThat(node.service.status(ALICE, id).offset()).isEqualTo(100_000);
        assertThat(Files.size(node.spoolFile(id))).as("the spool cut back").isEqualTo(100_000);
        send(id, 100_000, 250_000, checksum("sha1", BYTES, 100_000, 250_000));
        assertThat(node.upload(id, BYTES).contentId()).contains(uninterrupted);
    }

    @Test
    void aChecksummedChunkCutShortByTheClientIsDiscardedWhole() throws IOException {
        node = new UploadFixture(dir, SEED);
        UploadId id = node.create(BYTES.length).id();
        Chunk dropped =
                Chunk.of(0, Bodies.droppingAt(BYTES, 0, 70_000)).withChecksum(checksum("sha256", BYTES, 0, 200_000));

        UploadSession after = node.service.patch(ALICE, id, dropped);

        assertThat(after.offset()).isZero();
        assertThat(Files.size(node.spoolFile(id))).isZero();
        assertThat(node.upload(id, BYTES).contentId()).contains(uninterrupted);
    }

    @Test
    void checkedAndUncheckedChunksMixAfterARestart() throws IOException {
        node = new UploadFixture(dir, SEED);
        UploadId id = node.create(BYTES.length).id();
        node.sendUntil(id, BYTES, 50_000);
        node.restart();

        send(id, 50_000, 120_000, checksum("md5", BYTES, 50_000, 120_000));
        node.sendUntil(id, BYTES, 300_000);
        UploadSession finished = send(id, 300_000, BYTES.length, checksum("sha1", BYTES, 300_000, BYTES.length));

        assertThat(finished.contentId()).contains(uninterrupted);
    }

    @Test
    void anUnsupportedOrMalformedChecksumIsRefusedBeforeAnythingIsRead() {
        assertThatThrownBy(() -> ChunkChecksum.parseHeader("crc32 AAAAAA=="))
                .isInstanceOfSatisfying(UploadException.class, e -> {
                    assertThat(e.reason()).isEqualTo(UploadFailure.INVALID_CHECKSUM);
                    assertThat(e.getMessage()).contains("crc32").contains("[sha1, sha256, sha512, md5]");
                });
        assertThatThrownBy(() -> ChunkChecksum.parseHeader("sha1 not*base64"))
                .isInstanceOfSatisfying(
                        UploadException.class, e -> assertThat(e.reason()).isEqualTo(UploadFailure.INVALID_CHECKSUM));
        assertThatThrownBy(() -> ChunkChecksum.parseHeader("sha1 AAAA"))
                .isInstanceOfSatisfying(
                        UploadException.class, e -> assertThat(e.getMessage()).contains("20 bytes, got 3"));
        assertThatThrownBy(() -> ChunkChecksum.parseHeader("sha1"))
                .isInstanceOfSatisfying(
                        UploadException.class, e -> assertThat(e.reason()).isEqualTo(UploadFailure.INVALID_CHECKSUM));
    }

    @Test
    void theHeaderFormIsTheAlgorithmAndTheBase64Digest() {
        ChunkChecksum parsed = ChunkChecksum.parseHeader("sha1 Kq5sNclPz7QV2+lfQIuc6R7oRu0=");

        assertThat(parsed.algorithm()).isEqualTo("sha1");
        assertThat(parsed).isEqualTo(ChunkChecksum.parseHeader("sha1 Kq5sNclPz7QV2+lfQIuc6R7oRu0="));
        assertThat(parsed.toString()).isEqualTo("sha1:2aae6c35c94fcfb415dbe95f408b9ce91ee846ed");
    }
}
