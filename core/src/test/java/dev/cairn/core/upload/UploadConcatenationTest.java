package dev.cairn.core.upload;

import static dev.cairn.core.upload.UploadFixture.ALICE;
import static dev.cairn.core.upload.UploadFixture.BOB;
import static dev.cairn.core.upload.UploadFixture.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.content.ContentKind;
import dev.cairn.core.content.ContentRecord;
import dev.cairn.core.id.ContentId;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tus concatenation: partial uploads, each under its own key, joined into one content under a new key. */
class UploadConcatenationTest {
    static final byte[] WHOLE = randomBytes(500_000, 8);
    static final int[] CUTS = {0, 123_457, 300_000, WHOLE.length};

    @TempDir
    Path dir;

    UploadFixture node;

    @BeforeEach
    void start() throws IOException {
        node = new UploadFixture(dir, 19, new UploadConfig(1, Duration.ofHours(1), 8));
    }

    @AfterEach
    void stop() throws IOException {
        node.close();
    }

    UploadSession partial(long owner, int from, int to) {
        UploadSession s = node.service.create(owner, OptionalLong.of(to - from), Map.of(), Concatenation.PARTIAL);
        int middle = from + (to - from) / 3;
        node.service.patch(owner, s.id(), Chunk.of(0, new ByteArrayInputStream(WHOLE, from, middle - from)));
        return node.service.patch(
                owner, s.id(), Chunk.of(middle - from, new ByteArrayInputStream(WHOLE, middle, to - middle)));
    }

    List<UploadId> threeParts() {
        return List.of(
                partial(ALICE, CUTS[0], CUTS[1]).id(),
                partial(ALICE, CUTS[1], CUTS[2]).id(),
                partial(ALICE, CUTS[2], CUTS[3]).id());
    }

    UploadSession concatenate(long owner, List<UploadId> parts) {
        return node.service.create(
                owner, OptionalLong.empty(), Map.of("filename", "whole.bin"), new Concatenation.Final(parts));
    }

    @Test
    void aCompletePartialUploadMakesNoContent() {
        UploadSession part = partial(ALICE, 0, 1000);

        assertThat(part.complete()).isTrue();
        assertThat(part.finished()).isFalse();
        assertThat(node.announced).isEmpty();
        assertThat(node.service.status(ALICE, part.id())).isEqualTo(part);
    }

    @Test
    void threePartialUploadsConcatenateToTheWholePlaintextUnderOneNewKey() throws IOException {
        List<UploadId> parts = threeParts();

        UploadSession whole = concatenate(ALICE, parts);

        assertThat(whole.finished()).isTrue();
        assertThat(whole.length()).hasValue(WHOLE.length);
        assertThat(whole.concatenation()).isEqualTo(new Concatenation.Final(parts));
        ContentRecord content = node.content(whole);
        assertThat(content.fileName()).contains("whole.bin");
        assertThat(content.size()).isEqualTo(WHOLE.length);
        assertThat(node.plaintext(content.id())).isEqualTo(WHOLE);
        assertThat(node.announced).containsExactly(content.id());
        assertThat(node.spoolFile(whole.id())).doesNotExist();
    }

    @Test
    void theConcatenationIsTheContentOfAOneShotUploadOfTheWholeUnderTheSameKey() throws IOException {
        UploadSession whole = concatenate(ALICE, threeParts());

        ContentId oneShot;
        try (var reference = new UploadFixture(dir.resolve("reference"), 19, node.config)) {
            // As many random draws as the three partial creations, so the next upload gets the final upload's key.
            for (int i = 0; i < 3; i++) {
                reference.create(1);
            }
            oneShot = reference
                    .upload(reference.create(WHOLE.length).id(), WHOLE)
                    .contentId()
                    .orElseThrow();
        }

        assertThat(whole.contentId()).contains(oneShot);
    }

    @Test
    void aPartNamedTwiceIsTakenTwice() throws IOException {
        UploadSession part = partial(ALICE, 0, 10_000);

        UploadSession twice = concatenate(ALICE, List.of(part.id(), part.id()));

        byte[] expected = new byte[20_000];
        System.arraycopy(WHOLE, 0, expected, 0, 10_000);
        System.arraycopy(WHOLE, 0, expected, 10_000, 10_000);
        assertThat(node.plaintext(twice.contentId().orElseThrow())).isEqualTo(expected);
    }

    @Test
    void onlyCompletePartialUploadsOfTheSameUserCanBeConcatenated() {
        UploadId complete = partial(ALICE, 0, 1000).id();
        UploadSession incomplete = node.service.create(ALICE, OptionalLong.of(1000), Map.of(), Concatenation.PARTIAL);
        node.service.patch(ALICE, incomplete.id(), Chunk.of(0, new ByteArrayInputStream(WHOLE, 0, 10)));
        UploadId plain = node.create(10).id();
        UploadId bobs = partial(BOB, 0, 1000).id();

        assertThatThrownBy(() -> concatenate(ALICE, List.of(complete, incomplete.id())))
                .isInstanceOfSatisfying(UploadException.class, e -> {
                    assertThat(e.reason()).isEqualTo(UploadFailure.INVALID_CONCATENATION);
                    assertThat(e.getMessage()).contains(incomplete.id().value(), "10 of 1000 bytes");
                });
        assertThatThrownBy(() -> concatenate(ALICE, List.of(complete, plain)))
                .isInstanceOfSatisfying(UploadException.class, e -> {
                    assertThat(e.reason()).isEqualTo(UploadFailure.INVALID_CONCATENATION);
                    assertThat(e.getMessage()).contains("not a partial upload");
                });
        assertThatThrownBy(() -> concatenate(ALICE, List.of(complete, bobs)))
                .isInstanceOfSatisfying(UploadException.class, e -> {
                    assertThat(e.reason()).isEqualTo(UploadFailure.NOT_FOUND);
                    assertThat(e.getMessage()).contains(bobs.value());
                });
        assertThat(node.announced).isEmpty();
    }

    @Test
    void aFinalUploadDeclaresNoLengthIsNeverPatchedAndStaysUnderTheLimit() {
        UploadId part = partial(ALICE, 0, 600_000 > WHOLE.length ? WHOLE.length : 600_000)
                .id();

        assertThatThrownBy(() -> node.service.create(
                        ALICE, OptionalLong.of(10), Map.of(), new Concatenation.Final(List.of(part))))
                .isInstanceOfSatisfying(
                        UploadException.class,
                        e -> assertThat(e.reason()).isEqualTo(UploadFailure.INVALID_CONCATENATION));
        assertThatThrownBy(() -> concatenate(ALICE, List.of(part, part, part)))
                .isInstanceOfSatisfying(UploadException.class, e -> {
                    assertThat(e.reason()).isEqualTo(UploadFailure.TOO_LARGE);
                    assertThat(e.getMessage()).contains("MAX_CONTENT_SIZE_MB=1");
                });
        UploadSession whole = concatenate(ALICE, List.of(part));
        assertThatThrownBy(() -> node.service.patch(
                        ALICE, whole.id(), Chunk.of(whole.offset(), new ByteArrayInputStream(new byte[0]))))
                .isInstanceOfSatisfying(
                        UploadException.class, e -> assertThat(e.reason()).isEqualTo(UploadFailure.NOT_PATCHABLE));
    }

    @Test
    void partialUploadsStayUntilTheyExpireAndAreThenSwept() {
        List<UploadId> parts = threeParts();
        concatenate(ALICE, parts);

        assertThat(parts).allSatisfy(p -> assertThat(node.spoolFile(p)).exists());
        node.clock.advance(Duration.ofHours(2));
        assertThat(node.service.expire(100)).isEqualTo(3);
        assertThat(parts).allSatisfy(p -> assertThat(node.spoolFile(p)).doesNotExist());
    }

    @Test
    void aConcatenationOfMediaIsProbedFromItsFirstPart() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        UploadSession head = node.service.create(ALICE, OptionalLong.of(png.length), Map.of(), Concatenation.PARTIAL);
        node.service.patch(ALICE, head.id(), Chunk.of(0, new ByteArrayInputStream(png)));
        UploadId tail = partial(ALICE, 0, 5000).id();

        UploadSession whole = concatenate(ALICE, List.of(head.id(), tail));

        assertThat(node.content(whole).kind()).isEqualTo(ContentKind.IMAGE);
        assertThat(node.conversions.pending()).containsEntry(whole.contentId().orElseThrow(), ContentKind.IMAGE);
    }
}
