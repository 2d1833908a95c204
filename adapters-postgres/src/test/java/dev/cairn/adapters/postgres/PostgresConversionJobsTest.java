package dev.cairn.adapters.postgres;

import static dev.cairn.adapters.postgres.schema.Tables.CONVERSION_JOBS;
import static dev.cairn.adapters.postgres.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.conversion.ConversionJob;
import dev.cairn.core.conversion.ConversionJobs;
import dev.cairn.core.conversion.ConversionJobsContract;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.port.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The workers' side of the conversion queue against real PostgreSQL, and the columns only a database shows. */
class PostgresConversionJobsTest extends ConversionJobsContract {
    private static final long OWNER = 42;

    @RegisterExtension
    static final FreshDatabase database = new FreshDatabase();

    @Override
    protected ConversionJobs newJobs(Clock clock, int maxAttempts) {
        database.dsl().truncate(USERS).cascade().execute();
        TestRows.userExists(database.dsl(), OWNER);
        return new PostgresConversionQueue(database.dsl(), clock, maxAttempts);
    }

    @Override
    protected void contentExists(ContentId content) {
        new PostgresContentStore(database.dsl()).register(TestRows.content(content, OWNER, 0));
    }

    @Test
    void aClaimRecordsItsHolderAndTimes() {
        queued("song");
        ConversionJob job = jobs.claim("node-a/1/w0").orElseThrow();
        clock.advance(Duration.ofSeconds(10));
        jobs.heartbeat(job);

        var row = database.dsl().fetchSingle(CONVERSION_JOBS);
        assertThat(row.getState()).isEqualTo("running");
        assertThat(row.getAttempts()).isOne();
        assertThat(row.getClaimedBy()).isEqualTo("node-a/1/w0");
        assertThat(row.getClaimedAt()).isEqualTo(T0);
        assertThat(row.getHeartbeatAt()).isEqualTo(T0.plusSeconds(10));
    }

    @Test
    void aRetryAndAFailureKeepTheirReason() {
        queued("song");
        ConversionJob job = jobs.claim("w0").orElseThrow();
        jobs.retry(job, "timed_out: took too long", T0.plusSeconds(60));
        var retried = database.dsl().fetchSingle(CONVERSION_JOBS);
        assertThat(retried.getState()).isEqualTo("pending");
        assertThat(retried.getNextAttemptAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(retried.getLastError()).isEqualTo("timed_out: took too long");

        clock.advance(Duration.ofSeconds(60));
        jobs.fail(jobs.claim("w0").orElseThrow(), "unreadable_input: moov atom not found");

        var failed = database.dsl().fetchSingle(CONVERSION_JOBS);
        assertThat(failed.getState()).isEqualTo("failed");
        assertThat(failed.getLastError()).isEqualTo("unreadable_input: moov atom not found");
    }

    @Test
    void aPrefixWithLikeWildcardsMatchesOnlyItself() {
        queued("song");
        jobs.claim("node_a/1/w0").orElseThrow();

        assertThat(jobs.reap(T0.minusSeconds(1), Optional.of("node%"))).isZero();
        assertThat(jobs.reap(T0.minusSeconds(1), Optional.of("node_a/"))).isOne();
    }

    @Test
    void jobsAreCountedByState() {
        queued("one");
        queued("two");
        jobs.claim("w0").orElseThrow();

        assertThat(((PostgresConversionQueue) jobs).countByState())
                .containsEntry("pending", 1L)
                .containsEntry("running", 1L)
                .containsEntry("done", 0L)
                .containsEntry("failed", 0L);
    }
}
