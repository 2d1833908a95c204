package dev.cairn.adapters.postgres;

import static dev.cairn.adapters.postgres.TestRows.contentId;
import static dev.cairn.adapters.postgres.schema.Tables.CONVERSION_JOBS;
import static dev.cairn.adapters.postgres.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.content.ContentKind;
import dev.cairn.core.content.ConversionQueue;
import dev.cairn.core.content.ConversionQueueContract;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.port.ManualClock;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The conversion queue contract against real PostgreSQL, and what only the table shows. */
class PostgresConversionQueueTest extends ConversionQueueContract {
    private static final long OWNER = 42;
    private static final Instant NOW = TestRows.T0.plusSeconds(3_600);
    private static final int MAX_ATTEMPTS = 3;
    private static final ContentId VIDEO = contentId("video");

    @RegisterExtension
    static final FreshDatabase database = new FreshDatabase();

    @Override
    protected ConversionQueue newStore() {
        database.dsl().truncate(USERS).cascade().execute();
        TestRows.userExists(database.dsl(), OWNER);
        new PostgresContentStore(database.dsl()).register(TestRows.content(VIDEO, OWNER, 0));
        return new PostgresConversionQueue(database.dsl(), new ManualClock(NOW.toEpochMilli()), MAX_ATTEMPTS);
    }

    /** Jobs reference their content, so it must be registered first. */
    @Override
    protected void contentExists(ContentId content, ContentKind kind) {
        new PostgresContentStore(database.dsl()).register(TestRows.content(content, OWNER, 0));
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
