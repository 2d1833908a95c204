package dev.cairn.core.conversion;

import dev.cairn.core.blob.BlobStore;
import dev.cairn.core.content.ContentKind;
import dev.cairn.core.content.ContentRecord;
import dev.cairn.core.content.ContentStore;
import dev.cairn.core.encryption.ContentVault;
import dev.cairn.core.encryption.NewContent;
import dev.cairn.core.encryption.StoredContent;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.port.Clock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs conversion jobs: claims one, plans its content's renditions with the {@link DerivationPolicy}, has the {@link
 * Transcoder} make each from the decrypted original into a new blob encrypted under its own key, and records every
 * step in the {@link DerivativeStore} ({@code pending}, {@code processing} with its percent, {@code ready}, {@code
 * failed}). Thread-safe: each worker thread calls {@link #runOnce}; a scheduler calls {@link #heartbeat}.
 *
 * <p>Outputs are idempotent. A rendition made again replaces its row, and the blob the row named before is deleted
 * once the new one is recorded. A retry of a job keeps what an earlier attempt already finished (a node killed during
 * the {@code high} does not redo the {@code preview}); a new job for the same content redoes everything.
 *
 * <p>Failures: a retryable one ({@link ConversionFailure#retryable()}) sends the job back to the queue after a {@link
 * RetryBackoff}, unless it was the last attempt; any other fails the job for good with the reason, marks every
 * unfinished derivative failed, and leaves the original untouched.
 */
public final class ConversionService {
    private static final Logger log = LoggerFactory.getLogger(ConversionService.class);
    /** Progress is written to the database in steps of this many percent, not on every frame. */
    static final int PROGRESS_STEP = 5;

    /**
     * @param jobTimeout the longest one job may run, all renditions together ({@code CONVERT_TIMEOUT_SEC})
     * @param backoff the wait between attempts
     */
    public record Settings(Duration jobTimeout, RetryBackoff backoff) {
        public Settings {
            Objects.requireNonNull(jobTimeout, "jobTimeout");
            Objects.requireNonNull(backoff, "backoff");
        }
    }

    private final ConversionJobs jobs;
    private final ContentStore contents;
    private final DerivativeStore derivatives;
    private final ContentVault vault;
    private final BlobStore blobs;
    private final Transcoder transcoder;
    private final DerivationPolicy policy;
    private final Clock clock;
    private final Settings settings;
    private final Consumer<ConversionEvent> events;
    private final Map<Long, Running> running = new ConcurrentHashMap<>();

    public ConversionService(
            ConversionJobs jobs,
            ContentStore contents,
            DerivativeStore derivatives,
            ContentVault vault,
            BlobStore blobs,
            Transcoder transcoder,
            DerivationPolicy policy,
            Clock clock,
            Settings settings,
            Consumer<ConversionEvent> events) {
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.contents = Objects.requireNonNull(contents, "contents");
        this.derivatives = Objects.requireNonNull(derivatives, "derivatives");
        this.vault = Objects.requireNonNull(vault, "vault");
        this.blobs = Objects.requireNonNull(blobs, "blobs");
        this.transcoder = Objects.requireNonNull(transcoder, "transcoder");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.events = Objects.requireNonNull(events, "events");
    }

    /** A job this process is running, and why it was stopped if it was. */
    private static final class Running {
        final ConversionJob job;
        final Cancellation cancellation = new Cancellation();
        final Instant deadline;
        volatile Optional<ConversionException> stoppedBecause = Optional.empty();
        /** The reaper took the job back: whoever holds it now writes its outcome. */
        volatile boolean lost;

        Running(ConversionJob job, Instant deadline) {
            this.job = job;
            this.deadline = deadline;
        }

        void stop(ConversionFailure reason, String message) {
            stoppedBecause = Optional.of(new ConversionException(reason, message));
            cancellation.cancel();
        }
    }

    /**
     * Claims one due job for {@code worker} and runs it to its end (done, retry or failed).
     *
     * @return false if no job was due
     */
    public boolean runOnce(String worker) {
        Optional<ConversionJob> claimed = jobs.claim(worker);
        if (claimed.isEmpty()) {
            return false;
        }
        ConversionJob job = claimed.get();
        Running run = new Running(job, clock.instant().plus(settings.jobTimeout()));
        running.put(job.id(), run);
        try {
            convert(run);
        } finally {
            running.remove(job.id());
        }
        return true;
    }

    /**
     * Heartbeats every job running here; stops one whose claim was lost (the reaper took it back) or whose time is up.
     */
    public void heartbeat() {
        Instant now = clock.instant();
        for (Running run : running.values()) {
            if (now.isAfter(run.deadline)) {
                run.stop(
                        ConversionFailure.TIMED_OUT,
                        "the conversion took longer than its limit of "
                                + settings.jobTimeout().toSeconds() + " s (CONVERT_TIMEOUT_SEC)");
            } else if (!jobs.heartbeat(run.job)) {
                run.lost = true;
                run.stop(ConversionFailure.CANCELLED, "the job was taken back from this worker");
                log.warn(
                        "Conversion job {} of {} was taken back from {}",
                        run.job.id(),
                        run.job.content(),
                        run.job.worker());
            }
        }
    }

    /** Stops every job running here (the node is stopping); each goes back to the queue. */
    public void stopAll() {
        running.values()
                .forEach(run -> run.stop(ConversionFailure.CANCELLED, "the node stopped during the conversion"));
    }

    /** Jobs running in this process now. */
    public int runningCount() {
        return running.size();
    }

    private void convert(Running run) {
        ConversionJob job = run.job;
        Optional<ContentRecord> found = contents.find(job.content());
        if (found.isEmpty()) {
            jobs.fail(job, "content " + job.content() + " is no longer registered on this node");
            return;
        }
        ContentRecord content = found.get();
        long started = clock.millis();
        log.info(
                "Converting {} ({}, {} bytes), attempt {} of {}",
                content.id(),
                content.kind().wire(),
                content.size(),
                job.attempt(),
                job.maxAttempts());
        try {
            MediaSource source = MediaSource.decrypting(vault, content.id(), content.wrappedKey(), content.size());
            SourceMedia media = content.kind() == ContentKind.BINARY ? SourceMedia.none() : probe(source, run);
            ConversionPlan plan = policy.plan(content.kind(), content.mimeType(), media);
            Map<DerivativeKind, Derivative> before = current(content.id());
            for (Rendition rendition : plan.renditions()) {
                if (!kept(before.get(rendition.kind()), job)) {
                    derivatives.put(Derivative.pending(content.id(), rendition.kind(), clock.instant()));
                }
            }
            for (Rendition rendition : plan.renditions()) {
                Derivative previous = before.get(rendition.kind());
                if (kept(previous, job)) {
                    continue;
                }
                Derivative made = rendition instanceof Original
                        ? Derivative.original(content, clock.instant())
                        : make(content.id(), source, rendition, run);
                derivatives.put(made);
                deleteReplaced(content.id(), previous, made);
            }
        } catch (ConversionException e) {
            failed(run, content, stopReason(run, e));
            return;
        }
        if (jobs.complete(job)) {
            log.info(
                    "Converted {} ({}) in {} ms, attempt {}",
                    content.id(),
                    content.kind().wire(),
                    clock.millis() - started,
                    job.attempt());
            publish(new ConversionEvent.Ready(content.id(), derivatives.of(content.id())));
        }
    }

    /** A derivative finished by an earlier attempt of this same job is kept rather than made again. */
    private boolean kept(Derivative previous, ConversionJob job) {
        if (job.attempt() == 1 || previous == null || previous.status() != DerivativeStatus.READY) {
            return false;
        }
        try {
            return blobs.exists(previous.blob().orElseThrow());
        } catch (IOException e) {
            return false;
        }
    }

    private Derivative make(ContentId content, MediaSource source, Rendition rendition, Running run)
            throws ConversionException {
        DerivativeKind kind = rendition.kind();
        derivatives.put(Derivative.processing(content, kind, 0, clock.instant()));
        int[] written = {0};
        ProgressListener progress = percent -> {
            if (percent >= written[0] + PROGRESS_STEP && percent < 100) {
                written[0] = percent;
                derivatives.put(Derivative.processing(content, kind, percent, clock.instant()));
            }
        };
        try (NewContent out = vault.create()) {
            TranscodeReport report;
            try {
                report = transcoder.transcode(source, rendition, out, progress, run.cancellation);
            } catch (OutOfMemoryError e) {
                throw outOfMemory(kind.wire(), e);
            }
            StoredContent stored = out.commit();
            return Derivative.ready(content, kind, report, stored, clock.instant());
        } catch (IOException e) {
            throw new ConversionException(
                    ConversionFailure.STORAGE, "storing the " + kind.wire() + " failed: " + e.getMessage(), e);
        }
    }

    private SourceMedia probe(MediaSource source, Running run) throws ConversionException {
        try {
            return transcoder.probe(source, run.cancellation);
        } catch (OutOfMemoryError e) {
            throw outOfMemory("probe", e);
        }
    }

    /**
     * JavaCPP refuses a native allocation over its budget with an {@link OutOfMemoryError}; that is this job's failure
     * (retried later), not the worker thread's end.
     */
    private static ConversionException outOfMemory(String doing, OutOfMemoryError e) {
        return new ConversionException(
                ConversionFailure.OUT_OF_MEMORY,
                "the " + doing + " ran out of native memory (CONVERT_MEMORY_LIMIT_MB): " + e.getMessage(),
                e);
    }

    /** Deletes the blob a replaced row named: a re-run leaves one blob per rendition, never two. */
    private void deleteReplaced(ContentId content, Derivative previous, Derivative made) {
        if (previous == null || previous.blob().isEmpty() || previous.blob().equals(made.blob())) {
            return;
        }
        ContentId old = previous.blob().get();
        if (old.equals(content)) {
            return; // the original's blob is the content itself
        }
        try {
            blobs.delete(old);
        } catch (IOException e) {
            log.warn(
                    "Could not delete the replaced {} blob {} of {}: {}",
                    previous.kind().wire(),
                    old,
                    content,
                    e.toString());
        }
    }

    /** Why the job ended: the reason it was stopped from outside (timeout, lost claim, shutdown), else its own. */
    private static ConversionException stopReason(Running run, ConversionException e) {
        return e.reason() == ConversionFailure.CANCELLED ? run.stoppedBecause.orElse(e) : e;
    }

    private void failed(Running run, ContentRecord content, ConversionException e) {
        ConversionJob job = run.job;
        String reason = e.reason().code() + ": " + e.getMessage();
        if (run.lost) {
            return;
        }
        if (e.reason().retryable() && !job.lastAttempt()) {
            Duration wait = e.reason() == ConversionFailure.CANCELLED
                    ? Duration.ZERO
                    : settings.backoff().after(job.attempt());
            jobs.retry(job, reason, clock.instant().plus(wait));
            log.warn(
                    "Conversion of {} failed on attempt {} of {}, retried in {} s: {}",
                    content.id(),
                    job.attempt(),
                    job.maxAttempts(),
                    wait.toSeconds(),
                    reason);
            return;
        }
        String finalReason =
                job.attempt() > 1 ? reason + " (attempt " + job.attempt() + " of " + job.maxAttempts() + ")" : reason;
        Map<DerivativeKind, Derivative> now = current(content.id());
        if (now.isEmpty()) {
            // Nothing was planned (the file could not even be probed): the preview, what every viewer asks for, says
            // why.
            now.put(DerivativeKind.PREVIEW, Derivative.pending(content.id(), DerivativeKind.PREVIEW, clock.instant()));
        }
        for (Derivative d : now.values()) {
            if (d.status() != DerivativeStatus.READY) {
                derivatives.put(Derivative.failed(d.content(), d.kind(), finalReason, clock.instant()));
            }
        }
        if (jobs.fail(job, finalReason)) {
            log.warn("Conversion of {} failed for good: {}", content.id(), finalReason);
            publish(new ConversionEvent.Failed(content.id(), finalReason));
        }
    }

    private Map<DerivativeKind, Derivative> current(ContentId content) {
        Map<DerivativeKind, Derivative> byKind = new EnumMap<>(DerivativeKind.class);
        derivatives.of(content).forEach(d -> byKind.put(d.kind(), d));
        return byKind;
    }

    private void publish(ConversionEvent event) {
        try {
            events.accept(event);
        } catch (RuntimeException e) {
            log.warn(
                    "A listener failed on {} of {}: {}",
                    event.getClass().getSimpleName(),
                    event.content(),
                    e.toString());
        }
    }
}
