package dev.cairn.core.upload;

import static dev.cairn.core.upload.UploadFixture.ALICE;
import static dev.cairn.core.upload.UploadFixture.BOB;
import static dev.cairn.core.upload.UploadFixture.T0;
import static dev.cairn.core.upload.UploadFixture.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.content.ContentKind;
import dev.cairn.core.content.ContentRecord;
import dev.cairn.core.hash.Digest256;
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

class UploadServiceTest {
    static final byte[] BYTES = randomBytes(300 * 1024 + 7, 1);

    @TempDir
    Path dir;

    UploadFixture node;

    @AfterEach
    void stop() throws IOException {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void anUploadInOnePatchBecomesContentWhoseBlobDecryptsToTheBytesSent() throws IOException {
        node = new UploadFixture(dir, 7);
        UploadSession created = node.create(BYTES.length);

        UploadSession finished = node.upload(created.id(), BYTES);

        assertThat(finished.offset()).isEqualTo(BYTES.length);
        assertThat(finished.finished()).isTrue();
        ContentId id = finished.contentId().orElseThrow();
        assertThat(node.plaintext(id)).isEqualTo(BYTES);
        assertThat(node.spoolFile(created.id())).doesNotExist();
    }

    @Test
    void theContentIdIsTheBlake3OfTheCiphertextAndTheBlobHoldsNoPlaintext() throws IOException {
        node = new UploadFixture(dir, 7);
        UploadSession finished = node.upload(node.create(BYTES.length).id(), BYTES, 1000, 70_000);

        ContentId id = finished.contentId().orElseThrow();
        Path blob = dir.resolve("blobs").resolve(id.hex().substring(0, 2)).resolve(id.hex());
        byte[] ciphertext = Files.readAllBytes(blob);
        assertThat(id).isEqualTo(new ContentId(Digest256.blake3(ciphertext)));
        assertThat(ciphertext).hasSameSizeAs(BYTES).isNotEqualTo(BYTES);
    }

    @Test
    void anUploadInManyPatchesIsTheSameContentAsInOne() throws IOException {
        ContentId oneShot;
        try (var reference = new UploadFixture(dir.resolve("a"), 7)) {
            oneShot = reference
                    .upload(reference.create(BYTES.length).id(), BYTES)
                    .contentId()
                    .orElseThrow();
        }
        node = new UploadFixture(dir.resolve("b"), 7);
        UploadSession created = node.create(BYTES.length);

        UploadSession s = node.patch(created.id(), 0, BYTES, 0, 1);
        assertThat(s.offset()).isEqualTo(1);
        assertThat(s.finished()).isFalse();
        UploadSession finished = node.upload(created.id(), BYTES, 1, 17, 65_536, 65_537, 200_000, 300_000);

        assertThat(finished.contentId()).contains(oneShot);
        assertThat(node.plaintext(oneShot)).isEqualTo(BYTES);
    }

    @Test
    void theRegisteredContentCarriesTheOwnerSizeNamesAndAKeyBoundToItsId() throws IOException {
        node = new UploadFixture(dir, 7);
        UploadSession created = node.service.create(
                ALICE,
                OptionalLong.of(BYTES.length),
                Map.of("filename", "notes.bin", "title", "Mes notes"),
                Concatenation.NONE);

        ContentRecord content = node.content(node.upload(created.id(), BYTES));

        assertThat(content.ownerId()).isEqualTo(ALICE);
        assertThat(content.size()).isEqualTo(BYTES.length);
        assertThat(content.title()).isEqualTo("Mes notes");
        assertThat(content.fileName()).contains("notes.bin");
        assertThat(content.kind()).isEqualTo(ContentKind.BINARY);
        assertThat(content.mimeType()).isEqualTo("application/octet-stream");
        assertThat(content.createdAt()).isEqualTo(T0);
        assertThat(content.wrappedKey()).isNotEqualTo(created.wrappedKey());
    }

    @Test
    void aNewUploadHasAnEmptySpoolAndExpiresAfterTheConfiguredTime() throws IOException {
        node = new UploadFixture(dir, 7, new UploadConfig(16, Duration.ofHours(6), 8));

        UploadSession created = node.create(100);

        assertThat(created.offset()).isZero();
        assertThat(created.length()).hasValue(100);
        assertThat(created.ownerId()).isEqualTo(ALICE);
        assertThat(created.createdAt()).isEqualTo(T0);
        assertThat(created.expiresAt()).isEqualTo(T0.plus(Duration.ofHours(6)));
        assertThat(node.spoolFile(created.id())).exists().isEmptyFile();
        assertThat(node.service.status(ALICE, created.id())).isEqualTo(created);
    }

    @Test
    void theSpoolHoldsCiphertextOnly() throws IOException {
        node = new UploadFixture(dir, 7);
        byte[] text = "plaintext never touches the disk ".repeat(100).getBytes();
        UploadSession created = node.create(text.length + 1);

        node.patch(created.id(), 0, text, 0, text.length);

        byte[] spooled = Files.readAllBytes(node.spoolFile(created.id()));
        assertThat(spooled).hasSize(text.length);
        assertThat(new String(spooled, java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain("plaintext");
    }

    @Test
    void anEmptyUploadIsFinishedWhenCreated() throws IOException {
        node = new UploadFixture(dir, 7);

        UploadSession created = node.create(0);

        assertThat(created.finished()).isTrue();
        assertThat(node.plaintext(created.contentId().orElseThrow())).isEmpty();
        assertThat(node.announced).containsExactly(created.contentId().orElseThrow());
    }

    @Test
    void aFinishedUploadAnswersWithItsContentAndTakesNoMoreBytes() throws IOException {
        node = new UploadFixture(dir, 7);
        UploadSession finished = node.upload(node.create(BYTES.length).id(), BYTES);

        assertThat(node.service.status(ALICE, finished.id())).isEqualTo(finished);
        assertThat(node.service.patch(ALICE, finished.id(), Chunk.of(BYTES.length, InputStream.nullInputStream())))
                .isEqualTo(finished);
        assertThatThrownBy(() -> node.patch(finished.id(), BYTES.length, BYTES, 0, 1))
                .isInstanceOfSatisfying(
                        UploadException.class, e -> assertThat(e.reason()).isEqualTo(UploadFailure.EXCEEDS_LENGTH));
        assertThat(node.announced).hasSize(1);
    }

    @Test
    void aPatchAtAnotherOffsetIsRefusedNamingTheStoredOne() throws IOException {
        node = new UploadFixture(dir, 7);
        UploadSession created = node.create(BYTES.length);
        node.patch(created.id(), 0, BYTES, 0, 100);

        assertThatThrownBy(() -> node.patch(created.id(), 50, BYTES, 50, 200))
                .isInstanceOfSatisfying(UploadException.class, e -> {
                    assertThat(e.reason()).isEqualTo(UploadFailure.OFFSET_MISMATCH);
                    assertThat(e.getMessage()).contains("offset 100, not 50");
                });
        assertThat(node.service.status(ALICE, created.id()).offset()).isEqualTo(100);
    }

    @Test
    void anotherUsersUploadIsNotFoundWhateverTheyTry() throws IOException {
        node = new UploadFixture(dir, 7);
        UploadSession created = node.create(BYTES.length);
        UploadId id = created.id();

        assertThatThrownBy(() -> node.service.status(BOB, id)).satisfies(e -> notFound(e, id));
        assertThatThrownBy(() -> node.service.patch(BOB, id, Chunk.of(0, new ByteArrayInputStream(BYTES))))
                .satisfies(e -> notFound(e, id));
        assertThatThrownBy(() -> node.service.terminate(BOB, id)).satisfies(e -> notFound(e, id));
        assertThat(node.service.status(ALICE, id).offset()).isZero();
    }

    @Test
    void anUnknownUploadIsNotFound() throws IOException {
        node = new UploadFixture(dir, 7);
        UploadId unknown = new UploadId("ab".repeat(16));

        assertThatThrownBy(() -> node.service.status(ALICE, unknown)).satisfies(e -> notFound(e, unknown));
    }

    static void notFound(Throwable e, UploadId id) {
        assertThat(e).isInstanceOf(UploadException.class).hasMessage("upload " + id + " not found");
        assertThat(((UploadException) e).reason()).isEqualTo(UploadFailure.NOT_FOUND);
    }
}
