package dev.cairn.core.conversion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.content.ContentKind;
import dev.cairn.core.content.ContentRecord;
import dev.cairn.core.id.ContentId;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The worker with a fake transcoder: states, retries, the final reason, the reaper and idempotent re-runs. */
class ConversionServiceTest extends ConversionFixture {
    @Test
    void aSongGetsEveryPlannedRenditionInItsOwnEncryptedBlobThenAReadyEvent() throws IOException {
        ContentId song = uploaded(ContentKind.AUDIO, "audio/mpeg");

        assertThat(service.runOnce("w0")).isTrue();

        List<Derivative> made = derivatives.of(song);
        assertThat(made)
                .extracting(Derivative::kind)
                .containsExactly(DerivativeKind.PREVIEW, DerivativeKind.LOW, DerivativeKind.HIGH);
        for (Derivative d : made) {
            assertThat(d.status()).isEqualTo(DerivativeStatus.READY);
            assertThat(d.progressPercent()).isEqualTo(100);
            assertThat(d.blob()).isPresent().isNotEqualTo(Optional.of(song));
            assertThat(d.codec()).contains("aac");
            assertThat(decrypted(d)).as("its own key opens it").isEqualTo(FakeTranscoder.output(d.kind()));
        }
        assertThat(job().state()).isEqualTo("done");
        assertThat(events).containsExactly(new ConversionEvent.Ready(song, made));
        assertThat(service.runOnce("w0")).as("nothing left").isFalse();
    }

    @Test
    void progressIsRecordedWhileARenditionIsMade() throws IOException {
        ContentId song = uploaded(ContentKind.AUDIO, "audio/mpeg");
        List<Derivative> seen = new CopyOnWriteArrayList<>();
        transcoder.during(() -> seen.addAll(derivatives.of(song)));

        service.runOnce("w0");

        assertThat(seen)
                .filteredOn(d -> d.kind() == DerivativeKind.PREVIEW)
                .extracting(Derivative::status, Derivative::progressPercent)
                .as("while the preview is made, then ready")
                .startsWith(org.assertj.core.groups.Tuple.tuple(DerivativeStatus.PROCESSING, 50));
        assertThat(seen)
                .filteredOn(d -> d.kind() == DerivativeKind.HIGH)
                .extracting(Derivative::status)
                .as("not started while the preview is made")
                .contains(DerivativeStatus.PENDING);
    }

    @Test
    void anImageGetsAPreviewAndItsOriginalAndABinaryOnlyItsOriginal() throws IOException {
        transcoder.probing(new SourceMedia(
                "png_pipe",
                Optional.empty(),
                Optional.empty(),
                Optional.of(new VideoTrack("png", new Dimensions(2000, 1000), 0, java.util.OptionalLong.empty(), 0)),
                Optional.empty()));
        ContentId photo = uploaded(ContentKind.IMAGE, "image/png");
        ContentId archive = uploaded(ContentKind.BINARY, "application/zip");

        service.runOnce("w0");
        service.runOnce("w0");

        assertThat(derivatives.of(photo))
                .extracting(Derivative::kind, Derivative::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(DerivativeKind.PREVIEW, DerivativeStatus.READY),
                        org.assertj.core.groups.Tuple.tuple(DerivativeKind.ORIGINAL, DerivativeStatus.READY));
        Derivative original = derivatives.of(archive).getFirst();
        assertThat(derivatives.of(archive)).hasSize(1);
        assertThat(original.kind()).isEqualTo(DerivativeKind.ORIGINAL);
        assertThat(original.blob()).contains(archive);
        assertThat(original.wrappedKey()).isEqualTo(contents.find(archive).map(ContentRecord::wrappedKey));
    }

    @Test
    void aRetryableFailureRetriesAfterTheBackoffAndKeepsWhatTheFirstAttemptFinished() throws IOException {
        ContentId song = uploaded(ContentKind.AUDIO, "audio/mpeg");
        transcoder.failing(DerivativeKind.LOW, ConversionFailure.STORAGE, 1);

        service.runOnce("w0");

        assertThat(job().state()).isEqualTo("pending");
        assertThat(job().nextAttemptAt()).isEqualTo(T0.plus(BACKOFF.base()));
        assertThat(job().lastError()).hasValueSatisfying(e -> assertThat(e).startsWith("storage: scripted"));
        assertThat(events).isEmpty();
        assertThat(service.runOnce("w0")).as("not before the backoff").isFalse();

        clock.advance(BACKOFF.base());
        assertThat(service.runOnce("w0")).isTrue();

        assertThat(job().state()).isEqualTo("done");
        assertThat(job().attempts()).isEqualTo(2);
        assertThat(derivatives.of(song)).allMatch(d -> d.status() == DerivativeStatus.READY);
        assertThat(transcoder.made(DerivativeKind.PREVIEW))
                .as("kept from attempt 1")
                .isOne();
        assertThat(storedBlobs()).as("the content and one blob per rendition").isEqualTo(4);
    }

    @Test
    void theBackoffDoublesUpToItsCap() {
        assertThat(BACKOFF.after(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(BACKOFF.after(2)).isEqualTo(Duration.ofMinutes(2));
        assertThat(BACKOFF.after(3)).isEqualTo(Duration.ofMinutes(4));
        assertThat(BACKOFF.after(4)).isEqualTo(Duration.ofMinutes(4));
        assertThat(BACKOFF.after(1_000)).isEqualTo(Duration.ofMinutes(4));
    }

    @Test
    void theLastFailedAttemptFailsTheJobWithAReasonAndMarksWhatIsUnfinished() throws IOException {
        ContentId song = uploaded(ContentKind.AUDIO, "audio/mpeg");
        transcoder.failing(DerivativeKind.HIGH, ConversionFailure.TIMED_OUT, 3);

        for (int attempt = 1; attempt <= 3; attempt++) {
            assertThat(service.runOnce("w0")).isTrue();
            clock.advance(Duration.ofHours(1));
        }

        assertThat(job().state()).isEqualTo("failed");
        String reason = job().lastError().orElseThrow();
        assertThat(reason).startsWith("timed_out: scripted").endsWith("(attempt 3 of 3)");
        assertThat(derivatives.of(song))
                .extracting(Derivative::kind, Derivative::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(DerivativeKind.PREVIEW, DerivativeStatus.READY),
                        org.assertj.core.groups.Tuple.tuple(DerivativeKind.LOW, DerivativeStatus.READY),
                        org.assertj.core.groups.Tuple.tuple(DerivativeKind.HIGH, DerivativeStatus.FAILED));
        assertThat(derivatives.of(song).getLast().failureReason()).contains(reason);
        assertThat(events).containsExactly(new ConversionEvent.Failed(song, reason));
        assertThat(blobs.exists(song)).as("the original is kept").isTrue();
    }

    @Test
    void aCorruptFileFailsAtOnceWithTheTranscodersReasonAndTheOriginalIsKept() throws IOException {
        transcoder.probeFails(ConversionFailure.UNREADABLE_INPUT, "FFmpeg cannot read the file: moov atom not found");
        ContentId clip = uploaded(ContentKind.VIDEO, "video/mp4");

        service.runOnce("w0");

        String reason = "unreadable_input: FFmpeg cannot read the file: moov atom not found";
        assertThat(job().state()).isEqualTo("failed");
        assertThat(job().attempts()).as("bad input is not retried").isOne();
        assertThat(job().lastError()).contains(reason);
        assertThat(derivatives.of(clip)).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(DerivativeKind.PREVIEW);
            assertThat(d.status()).isEqualTo(DerivativeStatus.FAILED);
            assertThat(d.failureReason()).contains(reason);
        });
        assertThat(events).containsExactly(new ConversionEvent.Failed(clip, reason));
        assertThat(blobs.exists(clip)).isTrue();
    }

    @Test
    void aJobWhoseWorkerDiedIsReapedAndCompletedOnceByAnother() throws IOException {
        ContentId song = uploaded(ContentKind.AUDIO, "audio/mpeg");
        jobs.claim("dead-node/1/w0").orElseThrow(); // claimed, then the process died
        clock.advance(Duration.ofMinutes(2));

        assertThat(service.runOnce("w0")).as("still held by the dead worker").isFalse();
        assertThat(jobs.reap(clock.instant().minusSeconds(60), Optional.empty()))
                .isOne();
        assertThat(service.runOnce("w0")).isTrue();

        assertThat(job().state()).isEqualTo("done");
        assertThat(job().attempts()).isEqualTo(2);
        assertThat(derivatives.of(song)).hasSize(3).allMatch(d -> d.status() == DerivativeStatus.READY);
        assertThat(events).hasSize(1);
    }

    @Test
    void convertingAContentAgainReplacesItsRowsAndBlobsNeverAddsThem() throws IOException {
        ContentId song = uploaded(ContentKind.AUDIO, "audio/mpeg");
        service.runOnce("w0");
        List<Derivative> first = derivatives.of(song);

        jobs.enqueue(song, ContentKind.AUDIO);
        service.runOnce("w0");

        List<Derivative> second = derivatives.of(song);
        assertThat(second).hasSize(3).allMatch(d -> d.status() == DerivativeStatus.READY);
        assertThat(storedBlobs()).as("the content and one blob per rendition").isEqualTo(4);
        for (Derivative old : first) {
            assertThat(blobs.exists(old.blob().orElseThrow()))
                    .as("replaced %s blob deleted", old.kind().wire())
                    .isFalse();
        }
    }

    @Test
    void aJobOverItsTimeIsStoppedAndRetriedAsTimedOut() throws Exception {
        uploaded(ContentKind.AUDIO, "audio/mpeg");
        transcoder.blockingOn(DerivativeKind.LOW);
        Thread worker = Thread.ofPlatform().start(() -> service.runOnce("w0"));
        assertThat(transcoder.blocked.await(10, TimeUnit.SECONDS)).isTrue();

        service.heartbeat();
        assertThat(worker.isAlive()).as("within its time").isTrue();
        clock.advance(JOB_TIMEOUT.plusSeconds(1));
        service.heartbeat();
        worker.join(10_000);

        assertThat(worker.isAlive()).isFalse();
        assertThat(job().state()).isEqualTo("pending");
        assertThat(job().lastError())
                .hasValueSatisfying(e -> assertThat(e).startsWith("timed_out: ").contains("CONVERT_TIMEOUT_SEC"));
    }

    @Test
    void aWorkerWhoseJobWasTakenBackStopsAndLeavesTheJobToItsNewHolder() throws Exception {
        uploaded(ContentKind.AUDIO, "audio/mpeg");
        transcoder.blockingOn(DerivativeKind.LOW);
        Thread worker = Thread.ofPlatform().start(() -> service.runOnce("w0"));
        assertThat(transcoder.blocked.await(10, TimeUnit.SECONDS)).isTrue();
        clock.advance(Duration.ofMinutes(2));
        jobs.reap(clock.instant().minusSeconds(60), Optional.empty());

        service.heartbeat();
        worker.join(10_000);

        assertThat(worker.isAlive()).isFalse();
        assertThat(job().state()).as("as the reaper left it").isEqualTo("pending");
        assertThat(job().lastError()).hasValueSatisfying(e -> assertThat(e).contains("worker w0 stopped"));
    }

    @Test
    void runningOutOfNativeMemoryFailsTheAttemptNotTheWorkerAndIsRetried() throws IOException {
        uploaded(ContentKind.AUDIO, "audio/mpeg");
        transcoder.outOfMemoryOn(DerivativeKind.HIGH);

        assertThat(service.runOnce("w0")).isTrue();

        assertThat(job().state()).isEqualTo("pending");
        assertThat(job().lastError())
                .hasValueSatisfying(e -> assertThat(e)
                        .startsWith("out_of_memory: the high ran out of native memory (CONVERT_MEMORY_LIMIT_MB)"));
    }
}
