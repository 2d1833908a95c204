package dev.cairn.adapters.postgres;

import static dev.cairn.adapters.postgres.TestRows.contentId;
import static dev.cairn.adapters.postgres.schema.Tables.CONVERSION_JOBS;
import static dev.cairn.adapters.postgres.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.content.ContentKind;
import dev.cairn.core.content.ConversionQueue;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.port.ManualClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The conversion queue against real PostgreSQL. The first group of tests is shaped like a contract (the port only,
 * through {@link #newQueue} and {@link #contentExists}); when core's {@code ConversionQueueContract} exists, this class
 * extends it instead and keeps only the PostgreSQL group.
 */
class PostgresConversionQueueTest {
    private static final long OWNER = 42;
    private static final Instant NOW = TestRows.T0.plusSeconds(3_600);
    private static final int MAX_ATTEMPTS = 3;
    private static final ContentId VIDEO = contentId("video");
    private static final ContentId OTHER = contentId("other");
    private static PostgresDatabase database;

    private ConversionQueue queue;

    @BeforeAll
    static void openDatabase() {
        database = TestPostgres.freshDatabase();
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    private ConversionQueue newQueue() {
        database.dsl().truncate(USERS).cascade().execute();
        return new PostgresConversionQueue(database.dsl(), new ManualClock(NOW.toEpochMilli()), MAX_ATTEMPTS);
    }

    /** Jobs reference their content, so it must be registered first. */
    private void contentExists(ContentId content) {
        new PostgresContentStore(database.dsl()).register(TestRows.content(content, OWNER, 0));
    }

    @BeforeEach
    void open() {
        queue = newQueue();
        TestRows.userExists(database.dsl(), OWNER);
        contentExists(VIDEO);
        contentExists(OTHER);
    }

    // The port.

    @Test
    void aContentIsQueuedOnceHoweverOftenItIsEnqueued() {
        assertThat(queue.enqueue(VIDEO, ContentKind.VIDEO)).isTrue();
        assertThat(queue.enqueue(VIDEO, ContentKind.VIDEO)).isFalse();
        assertThat(queue.enqueue(VIDEO, ContentKind.VIDEO)).isFalse();
    }

    @Test
    void eachContentHasItsOwnJob() {
        assertThat(queue.enqueue(VIDEO, ContentKind.VIDEO)).isTrue();
        assertThat(queue.enqueue(OTHER, ContentKind.VIDEO)).isTrue();
        assertThat(queue.enqueue(OTHER, ContentKind.VIDEO)).isFalse();
    }

    @Test
    void ofThreadsEnqueueingOneContentAtOnceExactlyOneQueuesIt() throws Exception {
        int racers = 8;
        var start = new CountDownLatch(1);
        var results = new ArrayList<Future<Boolean>>();
        try (var pool = Executors.newFixedThreadPool(racers)) {
            for (int r = 0; r < racers; r++) {
                Callable<Boolean> enqueue = () -> {
                    start.await();
                    return queue.enqueue(VIDEO, ContentKind.VIDEO);
                };
                results.add(pool.submit(enqueue));
            }
            start.countDown();
            int queued = 0;
            for (var result : results) {
                queued += result.get() ? 1 : 0;
            }
            assertThat(queued).isOne();
        }
        assertThat(database.dsl().fetchCount(CONVERSION_JOBS)).isOne();
    }

    // What only PostgreSQL adds.

    @Test
    void aQueuedJobIsPendingUntriedAndDueNow() {
        queue.enqueue(VIDEO, ContentKind.VIDEO);

        var job = database.dsl().fetchSingle(CONVERSION_JOBS);
        assertThat(job.getContentId()).isEqualTo(VIDEO.hex());
        assertThat(job.getDerivativeKind()).as("every rendition").isNull();
        assertThat(job.getState()).isEqualTo("pending");
        assertThat(job.getAttempts()).isZero();
        assertThat(job.getMaxAttempts()).isEqualTo(MAX_ATTEMPTS);
        assertThat(job.getNextAttemptAt()).isEqualTo(NOW);
        assertThat(job.getCreatedAt()).isEqualTo(NOW);
    }

    @Test
    void aRunningJobAlsoHoldsItsContent() {
        queue.enqueue(VIDEO, ContentKind.VIDEO);
        setState("running");

        assertThat(queue.enqueue(VIDEO, ContentKind.VIDEO)).isFalse();
    }

    @Test
    void aContentWhoseJobEndedCanBeQueuedAgain() {
        queue.enqueue(VIDEO, ContentKind.VIDEO);
        setState("done");
        assertThat(queue.enqueue(VIDEO, ContentKind.VIDEO)).isTrue();

        setState("failed");
        assertThat(queue.enqueue(VIDEO, ContentKind.VIDEO)).isTrue();
        assertThat(database.dsl().fetchCount(CONVERSION_JOBS)).isEqualTo(3);
    }

    @Test
    void anUnregisteredContentIsRefusedByName() {
        var unknown = contentId("never registered");

        assertThatThrownBy(() -> queue.enqueue(unknown, ContentKind.IMAGE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(unknown.hex());
        assertThat(database.dsl().fetchCount(CONVERSION_JOBS)).isZero();
    }

    /** Moves every open job to {@code state}, as a worker would; the claim columns are what a running job needs. */
    private static void setState(String state) {
        database.dsl()
                .update(CONVERSION_JOBS)
                .set(CONVERSION_JOBS.STATE, state)
                .set(CONVERSION_JOBS.CLAIMED_BY, "test-worker")
                .set(CONVERSION_JOBS.CLAIMED_AT, NOW)
                .set(CONVERSION_JOBS.HEARTBEAT_AT, NOW)
                .where(CONVERSION_JOBS.STATE.in("pending", "running"))
                .execute();
    }
}
