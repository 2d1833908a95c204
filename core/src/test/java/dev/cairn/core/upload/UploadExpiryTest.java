package dev.cairn.core.upload;

import static dev.cairn.core.upload.UploadFixture.ALICE;
import static dev.cairn.core.upload.UploadFixture.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.encryption.ContentKey;
import dev.cairn.core.encryption.KeyContext;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Termination and the expiry sweep (uploads expire 2 hours after creation here). */
class UploadExpiryTest {
    static final byte[] BYTES = randomBytes(90_000, 5);

    @TempDir
    Path dir;

    UploadFixture node;

    @BeforeEach
    void start() throws IOException {
        node = new UploadFixture(dir, 17, new UploadConfig(16, Duration.ofHours(2), 8));
    }

    @AfterEach
    void stop() throws IOException {
        node.close();
    }

    @Test
    void terminationDeletesTheSessionAndTheSpool() {
        UploadId id = node.create(BYTES.length).id();
        node.sendUntil(id, BYTES, 10_000);

        node.service.terminate(ALICE, id);

        assertThat(node.sessions.find(id)).isEmpty();
        assertThat(node.spoolFile(id)).doesNotExist();
        assertThatThrownBy(() -> node.service.status(ALICE, id))
                .isInstanceOfSatisfying(
                        UploadException.class, e -> assertThat(e.reason()).isEqualTo(UploadFailure.NOT_FOUND));
    }

    @Test
    void terminatingAFinishedUploadKeepsItsContent() throws IOException {
        UploadSession finished = node.upload(node.create(BYTES.length).id(), BYTES);

        node.service.terminate(ALICE, finished.id());

        assertThat(node.plaintext(finished.contentId().orElseThrow())).isEqualTo(BYTES);
    }

    @Test
    void anUploadPastItsExpiryIsGoneBeforeTheSweepRuns() {
        UploadId id = node.create(BYTES.length).id();
        node.sendUntil(id, BYTES, 10_000);
        node.clock.advance(Duration.ofHours(2).plusMillis(1));

        assertThatThrownBy(() -> node.sendUntil(id, BYTES, 20_000)).isInstanceOfSatisfying(UploadException.class, e -> {
            assertThat(e.reason()).isEqualTo(UploadFailure.EXPIRED);
            assertThat(e.getMessage()).contains("2026-11-25T12:00:00Z");
        });
        assertThatThrownBy(() -> node.service.status(ALICE, id))
                .isInstanceOfSatisfying(
                        UploadException.class, e -> assertThat(e.reason()).isEqualTo(UploadFailure.EXPIRED));
    }

    @Test
    void theSweepDeletesExpiredUnfinishedUploadsAndTheirSpoolsOnly() throws IOException {
        UploadId old = node.create(BYTES.length).id();
        node.sendUntil(old, BYTES, 30_000);
        UploadId oldEmpty = node.create(BYTES.length).id();
        UploadSession done = node.upload(node.create(BYTES.length).id(), BYTES);
        node.clock.advance(Duration.ofHours(1));
        UploadId young = node.create(BYTES.length).id();
        node.sendUntil(young, BYTES, 5_000);
        node.clock.advance(Duration.ofMinutes(61));

        int deleted = node.service.expire(100);

        assertThat(deleted).isEqualTo(2);
        assertThat(node.sessions.find(old)).isEmpty();
        assertThat(node.sessions.find(oldEmpty)).isEmpty();
        assertThat(node.spoolFile(old)).doesNotExist();
        assertThat(node.spoolFile(oldEmpty)).doesNotExist();
        assertThat(node.service.status(ALICE, young).offset()).isEqualTo(5_000);
        assertThat(node.spoolFile(young)).exists();
        assertThat(node.service.status(ALICE, done.id())).isEqualTo(done);
        assertThat(node.plaintext(done.contentId().orElseThrow())).isEqualTo(BYTES);
        assertThat(node.service.expire(100)).as("nothing left to do").isZero();
    }

    @Test
    void theSweepTakesAtMostItsLimitEarliestFirst() {
        UploadId first = node.create(10).id();
        node.clock.advance(Duration.ofMinutes(1));
        UploadId second = node.create(10).id();
        node.clock.advance(Duration.ofHours(3));

        assertThat(node.service.expire(1)).isEqualTo(1);
        assertThat(node.sessions.find(first)).isEmpty();
        assertThat(node.sessions.find(second)).isPresent();
    }

    @Test
    void anExpiredUploadWhoseBytesAllArrivedIsFinishedNotDeleted() throws IOException {
        UploadSession s = node.create(BYTES.length);
        node.sendUntil(s.id(), BYTES, 50_000);
        // The last PATCH made its bytes durable and moved the offset, then the process died.
        ContentKey key = node.masterKey.unwrap(s.wrappedKey(), KeyContext.upload(s.id().value()));
        try (UploadSpool.Appender out = node.spool.append(s.id(), 50_000);
                OutputStream encrypting = UploadFixture.CIPHER.encrypting(key, 50_000, out)) {
            encrypting.write(BYTES, 50_000, BYTES.length - 50_000);
        }
        node.sessions.advance(s.id(), 50_000, BYTES.length);
        node.restart();
        node.clock.advance(Duration.ofHours(3));

        assertThat(node.service.expire(100)).isZero();

        UploadSession finished = node.sessions.find(s.id()).orElseThrow();
        assertThat(node.plaintext(finished.contentId().orElseThrow())).isEqualTo(BYTES);
    }

    @Test
    void theSweepDeletesSpoolsThatNoSessionRefersTo() throws IOException {
        UploadId orphan = new UploadId("0f".repeat(16));
        Files.write(node.spoolFile(orphan), randomBytes(100, 6));
        UploadId live = node.create(BYTES.length).id();
        node.sendUntil(live, BYTES, 1_000);

        assertThat(node.service.expire(100)).isEqualTo(1);

        assertThat(node.spoolFile(orphan)).doesNotExist();
        assertThat(node.spoolFile(live)).exists();
    }

    @Test
    void theSweepLeavesAnUploadBusyWithARequestForItsNextRun() throws Exception {
        UploadId id = node.create(BYTES.length).id();
        Bodies.Gated slow = Bodies.gated(BYTES, 0, 1_000, 2_000);
        CompletableFuture<UploadSession> patch =
                CompletableFuture.supplyAsync(() -> node.service.patch(ALICE, id, Chunk.of(0, slow)));
        assertThat(slow.reached.await(10, TimeUnit.SECONDS)).isTrue();
        node.clock.advance(Duration.ofHours(3));

        assertThat(node.service.expire(100)).isZero();
        slow.open();
        patch.get(10, TimeUnit.SECONDS);

        assertThat(node.service.expire(100)).isEqualTo(1);
        assertThat(node.spoolFile(id)).doesNotExist();
    }
}
