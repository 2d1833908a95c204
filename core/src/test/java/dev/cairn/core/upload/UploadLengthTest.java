package dev.cairn.core.upload;

import static dev.cairn.core.upload.UploadFixture.ALICE;
import static dev.cairn.core.upload.UploadFixture.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.id.ContentId;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deferred lengths, declared lengths and MAX_CONTENT_SIZE_MB (1 MiB here). */
class UploadLengthTest {
    static final int MIB = 1024 * 1024;
    static final UploadConfig ONE_MIB = new UploadConfig(1, Duration.ofHours(1), 8);
    static final byte[] BYTES = randomBytes(150_000, 4);

    @TempDir
    Path dir;

    UploadFixture node;

    @AfterEach
    void stop() throws IOException {
        if (node != null) {
            node.close();
        }
    }

    UploadSession createDeferred() {
        return node.service.create(ALICE, OptionalLong.empty(), Map.of(), Concatenation.NONE);
    }

    static void refused(Throwable e, UploadFailure reason, String... phrases) {
        assertThat(e).isInstanceOf(UploadException.class).hasMessageContainingAll(phrases);
        assertThat(((UploadException) e).reason()).isEqualTo(reason);
    }

    @Test
    void aDeferredLengthIsDeclaredByALaterPatchAndTheUploadThenFinishes() throws IOException {
        ContentId declaredUpFront;
        try (var reference = new UploadFixture(dir.resolve("a"), 5, ONE_MIB)) {
            declaredUpFront = reference
                    .upload(reference.create(BYTES.length).id(), BYTES)
                    .contentId()
                    .orElseThrow();
        }
        node = new UploadFixture(dir.resolve("b"), 5, ONE_MIB);
        UploadId id = createDeferred().id();

        UploadSession first = node.patch(id, 0, BYTES, 0, 60_000);
        UploadSession second = node.service.patch(
                ALICE,
                id,
                Chunk.of(60_000, new ByteArrayInputStream(BYTES, 60_000, 90_000))
                        .withUploadLength(BYTES.length));

        assertThat(first.length()).isEmpty();
        assertThat(second.length()).hasValue(BYTES.length);
        assertThat(second.contentId()).contains(declaredUpFront);
        assertThat(node.plaintext(declaredUpFront)).isEqualTo(BYTES);
    }

    @Test
    void aDeferredLengthDeclaredWithAnEmptyLastPatchFinishesTheUpload() throws IOException {
        node = new UploadFixture(dir, 5, ONE_MIB);
        UploadId id = createDeferred().id();
        node.patch(id, 0, BYTES, 0, BYTES.length);

        UploadSession finished = node.service.patch(
                ALICE, id, Chunk.of(BYTES.length, InputStream.nullInputStream()).withUploadLength(BYTES.length));

        assertThat(node.plaintext(finished.contentId().orElseThrow())).isEqualTo(BYTES);
    }

    @Test
    void aLengthOverTheLimitIsRefusedAtCreationNamingTheLimit() throws IOException {
        node = new UploadFixture(dir, 5, ONE_MIB);

        assertThatThrownBy(() -> node.create(MIB + 1))
                .satisfies(e -> refused(e, UploadFailure.TOO_LARGE, "1048577", "MAX_CONTENT_SIZE_MB=1"));
        assertThat(node.create(MIB).length()).hasValue(MIB);
    }

    @Test
    void aDeferredLengthOverTheLimitIsRefusedWhenDeclared() throws IOException {
        node = new UploadFixture(dir, 5, ONE_MIB);
        UploadId id = createDeferred().id();

        assertThatThrownBy(() -> node.service.patch(
                        ALICE, id, Chunk.of(0, new ByteArrayInputStream(BYTES)).withUploadLength(MIB + 1)))
                .satisfies(e -> refused(e, UploadFailure.TOO_LARGE, "MAX_CONTENT_SIZE_MB=1"));
        assertThat(node.service.status(ALICE, id).length()).isEmpty();
    }

    @Test
    void bytesOfADeferredUploadBeyondTheLimitAreRefusedAndDiscarded() throws IOException {
        node = new UploadFixture(dir, 5, ONE_MIB);
        byte[] big = randomBytes(MIB + 1, 6);
        UploadId id = createDeferred().id();

        assertThatThrownBy(() -> node.patch(id, 0, big, 0, big.length))
                .satisfies(e -> refused(e, UploadFailure.TOO_LARGE, "MAX_CONTENT_SIZE_MB=1"));
        assertThat(node.service.status(ALICE, id).offset()).isZero();
        assertThat(Files.size(node.spoolFile(id))).isZero();

        assertThat(node.patch(id, 0, big, 0, MIB).offset()).isEqualTo(MIB);
        assertThatThrownBy(() -> node.patch(id, MIB, big, MIB, MIB + 1))
                .satisfies(e -> refused(e, UploadFailure.TOO_LARGE, "MAX_CONTENT_SIZE_MB=1"));
        UploadSession finished = node.service.patch(
                ALICE, id, Chunk.of(MIB, InputStream.nullInputStream()).withUploadLength(MIB));
        assertThat(node.plaintext(finished.contentId().orElseThrow())).isEqualTo(java.util.Arrays.copyOf(big, MIB));
    }

    @Test
    void aPatchPastTheDeclaredLengthIsRefusedAndDiscarded() throws IOException {
        node = new UploadFixture(dir, 5, ONE_MIB);
        UploadId id = node.create(100_000).id();
        node.patch(id, 0, BYTES, 0, 40_000);

        assertThatThrownBy(() -> node.patch(id, 40_000, BYTES, 40_000, 100_001))
                .satisfies(e -> refused(e, UploadFailure.EXCEEDS_LENGTH, "100000 bytes long", "60000"));

        assertThat(node.service.status(ALICE, id).offset()).isEqualTo(40_000);
        assertThat(Files.size(node.spoolFile(id))).isEqualTo(40_000);
        UploadSession finished = node.patch(id, 40_000, BYTES, 40_000, 100_000);
        assertThat(node.plaintext(finished.contentId().orElseThrow()))
                .isEqualTo(java.util.Arrays.copyOf(BYTES, 100_000));
    }

    @Test
    void aChunkDeclaredTooLongIsRefusedWithoutReadingIt() throws IOException {
        node = new UploadFixture(dir, 5, ONE_MIB);
        UploadId id = node.create(100_000).id();
        var body = new ByteArrayInputStream(BYTES);

        assertThatThrownBy(() -> node.service.patch(ALICE, id, Chunk.of(0, body).withContentLength(100_001)))
                .satisfies(e -> refused(e, UploadFailure.EXCEEDS_LENGTH, "100000 bytes long"));
        assertThat(body.available()).as("unread").isEqualTo(BYTES.length);
    }

    @Test
    void aDeclaredLengthCannotChangeNorFallBelowTheOffset() throws IOException {
        node = new UploadFixture(dir, 5, ONE_MIB);
        UploadId fixed = node.create(100_000).id();
        UploadId deferred = createDeferred().id();
        node.patch(deferred, 0, BYTES, 0, 50_000);

        assertThatThrownBy(() -> node.service.patch(
                        ALICE, fixed, Chunk.of(0, InputStream.nullInputStream()).withUploadLength(200_000)))
                .satisfies(e -> refused(e, UploadFailure.INVALID_LENGTH, "100000", "200000"));
        assertThatThrownBy(() -> node.service.patch(
                        ALICE,
                        deferred,
                        Chunk.of(50_000, InputStream.nullInputStream()).withUploadLength(49_999)))
                .satisfies(e -> refused(e, UploadFailure.INVALID_LENGTH, "50000", "49999"));
        assertThat(node.service
                        .patch(
                                ALICE,
                                fixed,
                                Chunk.of(0, InputStream.nullInputStream()).withUploadLength(100_000))
                        .length())
                .as("repeating the same length is fine")
                .hasValue(100_000);
    }

    @Test
    void aNegativeLengthIsRefused() throws IOException {
        node = new UploadFixture(dir, 5, ONE_MIB);

        assertThatThrownBy(() -> node.create(-1)).satisfies(e -> refused(e, UploadFailure.INVALID_LENGTH, "-1"));
    }
}
