package dev.cairn.core.conversion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.content.ContentKind;
import dev.cairn.core.content.ConversionQueue;
import dev.cairn.core.hash.Digest256;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.port.Clock;
import dev.cairn.core.port.ManualClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every implementation of both sides of the conversion queue must do ({@link ConversionQueue} to ask, {@link
 * ConversionJobs} to work); each implementation's test extends this. A database implementation registers the content
 * a job is for first ({@link #contentExists}).
 */
public abstract class ConversionJobsContract {
    protected static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    protected static final int MAX_ATTEMPTS = 3;

    protected final ManualClock clock = new ManualClock(T0.toEpochMilli());
    protected ConversionJobs jobs;
    protected ConversionQueue queue;

    /** A queue on {@code clock} allowing {@code maxAttempts}; it implements both ports. */
    protected abstract ConversionJobs newJobs(Clock clock, int maxAttempts);

    /** Called before a content is queued: register it where a job must reference an existing content. */
    protected void contentExists(ContentId content) {}

    @BeforeEach
    void open() {
        jobs = newJobs(clock, MAX_ATTEMPTS);
        queue = (ConversionQueue) jobs;
    }

    protected ContentId queued(String seed) {
        ContentId id = new ContentId(Digest256.blake3(seed.getBytes(StandardCharsets.UTF_8)));
        contentExists(id);
        assertThat(queue.enqueue(id, ContentKind.AUDIO)).isTrue();
        return id;
    }

    @Test
    void nothingIsClaimedFromAnEmptyQueue() {
        assertThat(jobs.claim("w1")).isEmpty();
    }

    @Test
    void aClaimTakesTheOldestJobForItsWorkerAsTheFirstAttempt() {
        ContentId first = queued("first");
        clock.advance(Duration.ofSeconds(1));
        queued("second");

        ConversionJob job = jobs.claim("w1").orElseThrow();

        assertThat(job.content()).isEqualTo(first);
        assertThat(job.worker()).isEqualTo("w1");
        assertThat(job.attempt()).isEqualTo(1);
        assertThat(job.maxAttempts()).isEqualTo(MAX_ATTEMPTS);
    }

    @Test
    void aClaimedJobIsNotClaimedAgainAndStillHoldsItsContent() {
        ContentId song = queued("song");
        jobs.claim("w1").orElseThrow();

        assertThat(jobs.claim("w2")).isEmpty();
        assertThat(queue.enqueue(song, ContentKind.AUDIO)).isFalse();
    }

    @Test
    void aHeldJobTakesHeartbeatsUntilItIsDone() {
        ContentId song = queued("song");
        ConversionJob job = jobs.claim("w1").orElseThrow();

        assertThat(jobs.heartbeat(job)).isTrue();
        assertThat(jobs.complete(job)).isTrue();
        assertThat(jobs.heartbeat(job)).isFalse();
        assertThat(jobs.complete(job)).as("only once").isFalse();
        assertThat(jobs.claim("w2")).isEmpty();
        assertThat(queue.enqueue(song, ContentKind.AUDIO))
                .as("a done content may be converted again")
                .isTrue();
    }

    @Test
    void aRetriedJobWaitsForItsTimeThenComesBackAsTheNextAttempt() {
        ContentId song = queued("song");
        ConversionJob first = jobs.claim("w1").orElseThrow();

        assertThat(jobs.retry(first, "timed out", T0.plusSeconds(30))).isTrue();
        assertThat(jobs.claim("w1")).as("not before its time").isEmpty();
        assertThat(queue.enqueue(song, ContentKind.AUDIO)).as("still open").isFalse();
        clock.advance(Duration.ofSeconds(30));
        ConversionJob second = jobs.claim("w2").orElseThrow();

        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.attempt()).isEqualTo(2);
        assertThat(jobs.complete(first)).as("the first claim is over").isFalse();
        assertThat(jobs.complete(second)).isTrue();
    }

    @Test
    void theLastAttemptCannotBeRetriedOnlyFailed() {
        ContentId song = queued("song");
        ConversionJob job = jobs.claim("w1").orElseThrow();
        for (int attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
            jobs.retry(job, "storage", clock.instant());
            job = jobs.claim("w1").orElseThrow();
        }
        ConversionJob last = job;

        assertThat(last.lastAttempt()).isTrue();
        assertThatThrownBy(() -> jobs.retry(last, "storage", clock.instant()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("last");
        assertThat(jobs.fail(last, "storage failed three times")).isTrue();
        assertThat(jobs.claim("w1")).isEmpty();
        assertThat(queue.enqueue(song, ContentKind.AUDIO))
                .as("a failed content may be queued again")
                .isTrue();
    }

    @Test
    void aFailedJobIsNeverClaimedAgain() {
        queued("song");
        ConversionJob job = jobs.claim("w1").orElseThrow();

        assertThat(jobs.fail(job, "not media")).isTrue();
        clock.advance(Duration.ofDays(1));

        assertThat(jobs.claim("w1")).isEmpty();
        assertThat(jobs.fail(job, "again")).isFalse();
    }

    @Test
    void theReaperTakesBackAJobWhoseWorkerWentSilentAndItsHolderCannotFinishIt() {
        queued("song");
        ConversionJob silent = jobs.claim("node-a/w1").orElseThrow();
        clock.advance(Duration.ofSeconds(61));

        assertThat(jobs.reap(clock.instant().minusSeconds(60), Optional.empty()))
                .isOne();
        ConversionJob resumed = jobs.claim("node-b/w1").orElseThrow();

        assertThat(resumed.attempt()).isEqualTo(2);
        assertThat(jobs.complete(silent)).isFalse();
        assertThat(jobs.heartbeat(silent)).isFalse();
        assertThat(jobs.complete(resumed)).isTrue();
    }

    @Test
    void theReaperSparesAJobWithARecentHeartbeat() {
        queued("song");
        ConversionJob job = jobs.claim("w1").orElseThrow();
        clock.advance(Duration.ofSeconds(50));
        jobs.heartbeat(job);
        clock.advance(Duration.ofSeconds(50));

        assertThat(jobs.reap(clock.instant().minusSeconds(60), Optional.empty()))
                .isZero();
        assertThat(jobs.heartbeat(job)).isTrue();
    }

    @Test
    void aRestartingNodeTakesBackItsOwnJobsAtOnceAndNoOneElses() {
        queued("mine");
        queued("theirs");
        ConversionJob mine = jobs.claim("node-a/1234/w0").orElseThrow();
        ConversionJob theirs = jobs.claim("node-b/99/w0").orElseThrow();

        assertThat(jobs.reap(clock.instant().minusSeconds(60), Optional.of("node-a/")))
                .isOne();

        assertThat(jobs.heartbeat(theirs)).isTrue();
        ConversionJob again = jobs.claim("node-a/5678/w0").orElseThrow();
        assertThat(again.content()).isEqualTo(mine.content());
    }

    @Test
    void aJobReapedOnItsLastAttemptFailsForGood() {
        ContentId song = queued("song");
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            jobs.claim("w1").orElseThrow();
            clock.advance(Duration.ofMinutes(2));
            assertThat(jobs.reap(clock.instant().minusSeconds(60), Optional.empty()))
                    .isOne();
        }

        assertThat(jobs.claim("w1")).isEmpty();
        assertThat(queue.enqueue(song, ContentKind.AUDIO)).as("no longer open").isTrue();
    }

    @Test
    void workersRacingForJobsClaimEachExactlyOnce() throws Exception {
        int count = 6;
        List<ContentId> contents = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            contents.add(queued("content " + i));
        }
        int workers = 8;
        Set<Long> claimed = ConcurrentHashMap.newKeySet();
        var start = new CountDownLatch(1);
        try (var pool = Executors.newFixedThreadPool(workers)) {
            List<Future<Integer>> results = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                String name = "w" + w;
                results.add(pool.submit(() -> {
                    start.await();
                    int mine = 0;
                    for (Optional<ConversionJob> job; (job = jobs.claim(name)).isPresent(); ) {
                        assertThat(claimed.add(job.get().id())).isTrue();
                        mine++;
                    }
                    return mine;
                }));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> result : results) {
                total += result.get();
            }
            assertThat(total).isEqualTo(count);
        }
        assertThat(claimed).hasSize(count);
    }
}
