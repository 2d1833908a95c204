package dev.cairn.core.upload;

import static dev.cairn.core.upload.UploadFixture.ALICE;
import static dev.cairn.core.upload.UploadFixture.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.content.ContentRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WholeUploadTest {
    static final byte[] BYTES = randomBytes(200 * 1024 + 3, 5);
    static final Map<String, String> METADATA =
            Map.of(UploadMetadata.FILENAME, "song.bin", UploadMetadata.TITLE, "A song");

    @TempDir
    Path dir;

    UploadFixture node;
    WholeUpload whole;

    @BeforeEach
    void start() throws IOException {
        node = new UploadFixture(dir, 3, UploadConfig.withMaxContentSizeMb(1));
        whole = new WholeUpload(node.service);
    }

    @AfterEach
    void stop() throws IOException {
        node.close();
    }

    @Test
    void aStreamOfKnownLengthBecomesContentWithItsBytesAndMetadata() throws IOException {
        UploadSession done =
                whole.store(ALICE, OptionalLong.of(BYTES.length), METADATA, new ByteArrayInputStream(BYTES));

        ContentRecord content = node.content(done);
        assertThat(content.ownerId()).isEqualTo(ALICE);
        assertThat(content.title()).isEqualTo("A song");
        assertThat(content.fileName()).contains("song.bin");
        assertThat(node.plaintext(content.id())).isEqualTo(BYTES);
    }

    @Test
    void aStreamOfUnknownLengthTakesItsLengthFromWhereItEnds() throws IOException {
        UploadSession done = whole.store(ALICE, OptionalLong.empty(), METADATA, new ByteArrayInputStream(BYTES));

        assertThat(done.length()).hasValue(BYTES.length);
        assertThat(node.plaintext(done.contentId().orElseThrow())).isEqualTo(BYTES);
    }

    @Test
    void anEmptyStreamIsAnEmptyContent() throws IOException {
        UploadSession done = whole.store(ALICE, OptionalLong.of(0), METADATA, new ByteArrayInputStream(new byte[0]));

        assertThat(node.content(done).size()).isZero();
    }

    @Test
    void aStreamThatBreaksOffLeavesNoUploadAndNoContent() throws IOException {
        assertThatThrownBy(
                        () -> whole.store(ALICE, OptionalLong.empty(), METADATA, Bodies.droppingAt(BYTES, 0, 70_000)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("broke off after 70000 bytes");

        assertNothingLeft();
    }

    @Test
    void aStreamOfKnownLengthThatBreaksOffLeavesNothing() throws IOException {
        assertThatThrownBy(() ->
                        whole.store(ALICE, OptionalLong.of(BYTES.length), METADATA, Bodies.droppingAt(BYTES, 0, 1000)))
                .isInstanceOf(IOException.class);

        assertNothingLeft();
    }

    @Test
    void aStreamShorterThanDeclaredIsRefusedAndRemoved() throws IOException {
        assertThatThrownBy(() -> whole.store(
                        ALICE, OptionalLong.of(BYTES.length + 10L), METADATA, new ByteArrayInputStream(BYTES)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("ended after " + BYTES.length + " of " + (BYTES.length + 10) + " declared");

        assertNothingLeft();
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedBeforeAByteIsRead() throws IOException {
        var untouched = new ByteArrayInputStream(BYTES);

        assertThatThrownBy(() -> whole.store(ALICE, OptionalLong.of(2L * 1024 * 1024), METADATA, untouched))
                .isInstanceOfSatisfying(
                        UploadException.class, e -> assertThat(e.reason()).isEqualTo(UploadFailure.TOO_LARGE));

        assertThat(untouched.available()).isEqualTo(BYTES.length);
        assertNothingLeft();
    }

    @Test
    void aStreamOverTheLimitWithoutALengthIsRefusedAndRemoved() throws IOException {
        byte[] big = randomBytes(1024 * 1024 + 1, 9);

        assertThatThrownBy(() -> whole.store(ALICE, OptionalLong.empty(), METADATA, new ByteArrayInputStream(big)))
                .isInstanceOfSatisfying(
                        UploadException.class, e -> assertThat(e.reason()).isEqualTo(UploadFailure.TOO_LARGE));

        assertNothingLeft();
    }

    @Test
    void badMetadataIsRefusedWithNothingCreated() throws IOException {
        Map<String, String> bad = Map.of(UploadMetadata.FILENAME, "../etc/passwd");

        assertThatThrownBy(() -> whole.store(ALICE, OptionalLong.empty(), bad, new ByteArrayInputStream(BYTES)))
                .isInstanceOfSatisfying(
                        UploadException.class, e -> assertThat(e.reason()).isEqualTo(UploadFailure.INVALID_METADATA));

        assertNothingLeft();
    }

    private void assertNothingLeft() throws IOException {
        assertThat(node.sessions.expired(Instant.MAX, 10)).isEmpty();
        assertThat(node.contents.ownedBy(ALICE, Optional.empty(), 10)).isEmpty();
        try (Stream<Path> files = Files.list(dir.resolve("uploads"))) {
            assertThat(files.filter(f -> !f.getFileName().toString().startsWith(".")))
                    .isEmpty();
        }
    }
}
