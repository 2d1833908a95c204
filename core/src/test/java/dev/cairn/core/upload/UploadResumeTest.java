package dev.cairn.core.upload;

import static dev.cairn.core.upload.UploadFixture.ALICE;
import static dev.cairn.core.upload.UploadFixture.CIPHER;
import static dev.cairn.core.upload.UploadFixture.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.encryption.ContentKey;
import dev.cairn.core.encryption.KeyContext;
import dev.cairn.core.id.ContentId;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Crashes, dropped connections and racing requests: the upload survives each and ends as the same content. */
class UploadResumeTest {
    static final int SEED = 11;
    static final byte[] BYTES = randomBytes(700 * 1024 + 3, 2);
    static ContentId uninterrupted;

    @TempDir
    Path dir;

    UploadFixture node;

    /** The content id of the same bytes sent in one go under the same key: what every test here must end with. */
    @BeforeAll
    static void uploadInOneGo(@TempDir Path reference) throws IOException {
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

    @Test
    void anUploadResumedAfterACrashIsTheContentOfAnUninterruptedOne() throws IOException {
        node = new UploadFixture(dir, SEED);
        UploadId id = node.create(BYTES.length).id();
        node.sendUntil(id, BYTES, 123_457);
        node.sendUntil(id, BYTES, 300_001);
        // The process dies after 300,001 bytes; the hash state in memory is lost.

        node.restart();
        UploadSession status = node.service.status(ALICE, id);
        UploadSession finished = node.upload(id, BYTES);

        assertThat(status.offset()).isEqualTo(300_001);
        assertThat(finished.contentId()).contains(uninterrupted);
        assertThat(node.plaintext(uninterrupted)).isEqualTo(BYTES);
    }

    @Test
    void withoutHashStateInMemoryEveryChunkRehashesItsPrefixAndTheResultIsTheSame() throws IOException {
        node = new UploadFixture(dir, SEED, new UploadConfig(16, Duration.ofHours(1), 0));
        UploadId id = node.create(BYTES.length).id();

        UploadSession finished = node.upload(id, BYTES, 1, 65_536, 100_000, 100_001, 500_000);

        assertThat(finished.contentId()).contains(uninterrupted);
    }

    @Test
    void bytesPastTheDurableOffsetLeftByAKilledRequestAreDiscarded() throws IOException {
        node = new UploadFixture(dir, SEED);
        UploadId id = node.create(BYTES.length).id();
        node.sendUntil(id, BYTES, 200_000);
        node.restart();
        // A PATCH killed mid-way wrote ciphertext it never made durable nor recorded: garbage past the offset.
        try (OutputStream killed = Files.newOutputStream(node.spoolFile(id), StandardOpenOption.APPEND)) {
            killed.write(randomBytes(12_345, 99));
        }

        assertThat(node.service.status(ALICE, id).offset()).isEqualTo(200_000);
        UploadSession finished = node.upload(id, BYTES);

        assertThat(finished.contentId()).contains(uninterrupted);
        assertThat(node.plaintext(uninterrupted)).isEqualTo(BYTES);
    }

    @Test
    void bytesPastTheDurableOffsetAreDiscardedWhileTheProcessLivesToo() throws IOException {
        node = new UploadFixture(dir, SEED);
        UploadId id = node.create(BYTES.length).id();
        node.sendUntil(id, BYTES, 200_000);
        try (OutputStream stray = Files.newOutputStream(node.spoolFile(id), StandardOpenOption.APPEND)) {
            stray.write(randomBytes(777, 98));
        }

        assertThat(node.upload(id, BYTES).contentId()).contains(uninterrupted);
    }

    @Test
    void aClientThatGoesAwayMidChunkKeepsWhatArrivedAndContinuesFromThere() throws IOException {
        node = new UploadFixture(dir, SEED);
        UploadId id = node.create(BYTES.length).id();

        UploadSession afterDrop = node.service.patch(ALICE, id, Chunk.of(0, Bodies.droppingAt(BYTES, 0, 250_003)));

        assertThat(afterDrop.offset()).isEqualTo(250_003);
        assertThat(Files.size(node.spoolFile(id))).isEqualTo(250_003);
        assertThat(node.upload(id, BYTES).contentId()).contains(uninterrupted);
    }

    @Test
    void aSecondPatchOnABusyUploadIsRefusedAndTheFirstCompletesIntact() throws Exception {
        node = new UploadFixture(dir, SEED);
        UploadId id = node.create(BYTES.length).id();
        Bodies.Gated slow = Bodies.gated(BYTES, 0, 100_000, BYTES.length);
        CompletableFuture<UploadSession> first =
                CompletableFuture.supplyAsync(() -> node.service.patch(ALICE, id, Chunk.of(0, slow)));
        assertThat(slow.reached.await(10, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> node.patch(id, 0, BYTES, 0, BYTES.length))
                .isInstanceOfSatisfying(UploadException.class, e -> {
                    assertThat(e.reason()).isEqualTo(UploadFailure.LOCKED);
                    assertThat(e.getMessage()).contains(id.value());
                });
        assertThatThrownBy(() -> node.service.terminate(ALICE, id))
                .isInstanceOfSatisfying(
                        UploadException.class, e -> assertThat(e.reason()).isEqualTo(UploadFailure.LOCKED));
        assertThat(node.service.status(ALICE, id).offset())
                .as("HEAD is not blocked")
                .isZero();
        slow.open();

        assertThat(first.get(30, TimeUnit.SECONDS).contentId()).contains(uninterrupted);
        assertThat(node.plaintext(uninterrupted)).isEqualTo(BYTES);
        assertThat(node.announced).containsExactly(uninterrupted);
    }

    @Test
    void aCrashAfterTheLastByteWasDurableButBeforeFinishingIsFinishedByTheNextHead() throws IOException {
        node = new UploadFixture(dir, SEED);
        UploadSession s = node.create(BYTES.length);
        node.sendUntil(s.id(), BYTES, 400_000);
        // What the last PATCH did before the crash: its bytes encrypted, forced, the offset moved; nothing more.
        ContentKey key = node.masterKey.unwrap(s.wrappedKey(), KeyContext.upload(s.id().value()));
        try (UploadSpool.Appender out = node.spool.append(s.id(), 400_000)) {
            try (OutputStream encrypting = CIPHER.encrypting(key, 400_000, out)) {
                encrypting.write(BYTES, 400_000, BYTES.length - 400_000);
            }
        }
        assertThat(node.sessions.advance(s.id(), 400_000, BYTES.length)).isTrue();
        node.restart();

        UploadSession finished = node.service.status(ALICE, s.id());

        assertThat(finished.contentId()).contains(uninterrupted);
        assertThat(node.plaintext(uninterrupted)).isEqualTo(BYTES);
        assertThat(node.announced).containsExactly(uninterrupted);
    }

    @Test
    void aCrashAfterTheSpoolBecameABlobButBeforeRegistrationIsFinishedByTheNextHead() throws IOException {
        node = new UploadFixture(dir, SEED);
        UploadId id = node.create(BYTES.length).id();
        node.sendUntil(id, BYTES, 400_000);
        node.contents.failNextRegistration();

        assertThatThrownBy(() -> node.upload(id, BYTES)).hasMessageContaining("database is down");
        assertThat(node.spoolFile(id)).as("moved into the blob store").doesNotExist();
        assertThat(node.spool.recordedContentId(id))
                .as("recorded before the move")
                .contains(uninterrupted);
        assertThat(node.sessions.find(id).orElseThrow().finished())
                .as("not yet")
                .isFalse();
        node.restart();

        UploadSession finished = node.service.status(ALICE, id);

        assertThat(finished.contentId()).contains(uninterrupted);
        assertThat(node.plaintext(uninterrupted)).isEqualTo(BYTES);
        assertThat(node.spool.list()).as("nothing left in the spool").isEmpty();
    }
}
