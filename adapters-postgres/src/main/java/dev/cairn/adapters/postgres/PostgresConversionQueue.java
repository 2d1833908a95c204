package dev.cairn.adapters.postgres;

import static dev.cairn.adapters.postgres.schema.Tables.CONTENTS;
import static dev.cairn.adapters.postgres.schema.Tables.CONVERSION_JOBS;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.val;

import dev.cairn.core.content.ContentKind;
import dev.cairn.core.content.ConversionQueue;
import dev.cairn.core.conversion.ConversionJob;
import dev.cairn.core.conversion.ConversionJobs;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.port.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;

/**
 * Conversion jobs in the {@code conversion_jobs} table, both sides: {@link #enqueue} adds a pending job for a whole
 * content; workers {@link #claim} and settle them ({@link ConversionJobs}). The
 * job names no rendition ({@code derivative_kind} is NULL) and no kind: the content's kind is in its {@code contents}
 * row, where the worker reads which renditions to make.
 *
 * <p>Idempotence is the database's: the partial unique index {@code conversion_jobs_one_open_per_content} admits one
 * pending or running job per content, and the insert is {@code ON CONFLICT DO NOTHING}, so of two connections
 * enqueueing the same content at once exactly one inserts.
 */
public final class PostgresConversionQueue implements ConversionQueue, ConversionJobs {
    private static final String PENDING = "pending";
    private static final String RUNNING = "running";
    private static final String DONE = "done";
    private static final String FAILED = "failed";

    private final DSLContext dsl;
    private final Clock clock;
    private final int maxAttempts;

    /**
     * @param maxAttempts how many times a worker may try a job before it is failed for good
     */
    public PostgresConversionQueue(DSLContext dsl, Clock clock, int maxAttempts) {
        this.dsl = Objects.requireNonNull(dsl, "dsl");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1: " + maxAttempts);
        }
        this.maxAttempts = maxAttempts;
    }

    /**
     * @throws IllegalArgumentException if {@code content} is not registered
     */
    @Override
    public boolean enqueue(ContentId content, ContentKind kind) {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(kind, "kind");
        Instant now = clock.instant();
        int inserted = dsl.insertInto(
                        CONVERSION_JOBS,
                        CONVERSION_JOBS.CONTENT_ID,
                        CONVERSION_JOBS.STATE,
                        CONVERSION_JOBS.ATTEMPTS,
                        CONVERSION_JOBS.MAX_ATTEMPTS,
                        CONVERSION_JOBS.NEXT_ATTEMPT_AT,
                        CONVERSION_JOBS.CREATED_AT,
                        CONVERSION_JOBS.UPDATED_AT)
                .select(select(
                                CONTENTS.CONTENT_ID,
                                inline(PENDING),
                                inline(0),
                                val(maxAttempts),
                                val(now),
                                val(now),
                                val(now))
                        .from(CONTENTS)
                        .where(CONTENTS.CONTENT_ID.eq(content.hex())))
                .onConflictDoNothing()
                .execute();
        if (inserted == 1) {
            return true;
        }
        // Nothing inserted: an open job holds the content, or there is no such content to convert.
        if (!dsl.fetchExists(CONTENTS, CONTENTS.CONTENT_ID.eq(content.hex()))) {
            throw new IllegalArgumentException("content " + content + " (" + kind.wire() + ") is not registered");
        }
        return false;
    }

    /**
     * One statement: the oldest due pending job is picked with {@code FOR UPDATE SKIP LOCKED} (served by the partial
     * index {@code conversion_jobs_claimable_idx}) and updated in the same short transaction, so workers racing for
     * jobs never wait on one another nor take the same job.
     */
    @Override
    public Optional<ConversionJob> claim(String worker) {
        Objects.requireNonNull(worker, "worker");
        Instant now = clock.instant();
        var due = select(CONVERSION_JOBS.ID)
                .from(CONVERSION_JOBS)
                .where(CONVERSION_JOBS.STATE.eq(PENDING).and(CONVERSION_JOBS.NEXT_ATTEMPT_AT.le(now)))
                .orderBy(CONVERSION_JOBS.NEXT_ATTEMPT_AT, CONVERSION_JOBS.ID)
                .limit(1)
                .forUpdate()
                .skipLocked();
        return dsl.update(CONVERSION_JOBS)
                .set(CONVERSION_JOBS.STATE, RUNNING)
                .set(CONVERSION_JOBS.ATTEMPTS, CONVERSION_JOBS.ATTEMPTS.plus(1))
                .set(CONVERSION_JOBS.CLAIMED_BY, worker)
                .set(CONVERSION_JOBS.CLAIMED_AT, now)
                .set(CONVERSION_JOBS.HEARTBEAT_AT, now)
                .set(CONVERSION_JOBS.UPDATED_AT, now)
                .where(CONVERSION_JOBS.ID.eq(due))
                .returning(
                        CONVERSION_JOBS.ID,
                        CONVERSION_JOBS.CONTENT_ID,
                        CONVERSION_JOBS.ATTEMPTS,
                        CONVERSION_JOBS.MAX_ATTEMPTS)
                .fetchOptional()
                .map(r -> new ConversionJob(
                        r.getId(), ContentId.fromHex(r.getContentId()), r.getAttempts(), r.getMaxAttempts(), worker));
    }

    @Override
    public boolean heartbeat(ConversionJob job) {
        Instant now = clock.instant();
        return dsl.update(CONVERSION_JOBS)
                        .set(CONVERSION_JOBS.HEARTBEAT_AT, now)
                        .set(CONVERSION_JOBS.UPDATED_AT, now)
                        .where(held(job))
                        .execute()
                == 1;
    }

    @Override
    public boolean complete(ConversionJob job) {
        return dsl.update(CONVERSION_JOBS)
                        .set(CONVERSION_JOBS.STATE, DONE)
                        .set(CONVERSION_JOBS.UPDATED_AT, clock.instant())
                        .where(held(job))
                        .execute()
                == 1;
    }

    @Override
    public boolean retry(ConversionJob job, String reason, Instant notBefore) {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(notBefore, "notBefore");
        if (job.lastAttempt()) {
            throw new IllegalArgumentException("attempt " + job.attempt() + " of " + job.maxAttempts()
                    + " is the last of job " + job.id() + "; it can only fail");
        }
        return dsl.update(CONVERSION_JOBS)
                        .set(CONVERSION_JOBS.STATE, PENDING)
                        .set(CONVERSION_JOBS.NEXT_ATTEMPT_AT, notBefore)
                        .set(CONVERSION_JOBS.LAST_ERROR, reason)
                        .set(CONVERSION_JOBS.CLAIMED_BY, (String) null)
                        .set(CONVERSION_JOBS.CLAIMED_AT, (Instant) null)
                        .set(CONVERSION_JOBS.HEARTBEAT_AT, (Instant) null)
                        .set(CONVERSION_JOBS.UPDATED_AT, clock.instant())
                        .where(held(job))
                        .execute()
                == 1;
    }

    @Override
    public boolean fail(ConversionJob job, String reason) {
        Objects.requireNonNull(reason, "reason");
        return dsl.update(CONVERSION_JOBS)
                        .set(CONVERSION_JOBS.STATE, FAILED)
                        .set(CONVERSION_JOBS.LAST_ERROR, reason)
                        .set(CONVERSION_JOBS.UPDATED_AT, clock.instant())
                        .where(held(job))
                        .execute()
                == 1;
    }

    /**
     * In one transaction: the abandoned running jobs are locked ({@code SKIP LOCKED}: a worker settling its job right
     * now keeps it), then each goes back to pending, due now, or to failed on its last attempt.
     */
    @Override
    public int reap(Instant heartbeatBefore, Optional<String> workerPrefix) {
        Objects.requireNonNull(heartbeatBefore, "heartbeatBefore");
        Objects.requireNonNull(workerPrefix, "workerPrefix");
        Instant now = clock.instant();
        Condition silent = CONVERSION_JOBS.HEARTBEAT_AT.lt(heartbeatBefore);
        Condition abandoned = workerPrefix
                .map(p -> silent.or(CONVERSION_JOBS.CLAIMED_BY.startsWith(p)))
                .orElse(silent);
        return dsl.transactionResult(tx -> {
            var stale = tx.dsl()
                    .select(
                            CONVERSION_JOBS.ID,
                            CONVERSION_JOBS.CLAIMED_BY,
                            CONVERSION_JOBS.ATTEMPTS,
                            CONVERSION_JOBS.MAX_ATTEMPTS)
                    .from(CONVERSION_JOBS)
                    .where(CONVERSION_JOBS.STATE.eq(RUNNING).and(abandoned))
                    .forUpdate()
                    .skipLocked()
                    .fetch();
            for (var job : stale) {
                String reason = ConversionJobs.abandoned(job.value2(), job.value3(), job.value4());
                boolean last = job.value3() >= job.value4();
                tx.dsl()
                        .update(CONVERSION_JOBS)
                        .set(CONVERSION_JOBS.STATE, last ? FAILED : PENDING)
                        .set(CONVERSION_JOBS.LAST_ERROR, reason)
                        .set(CONVERSION_JOBS.NEXT_ATTEMPT_AT, now)
                        .set(CONVERSION_JOBS.UPDATED_AT, now)
                        .where(CONVERSION_JOBS.ID.eq(job.value1()))
                        .execute();
            }
            return stale.size();
        });
    }

    /** How many jobs are in each state ({@code pending}, {@code running}, {@code done}, {@code failed}): a gauge. */
    public Map<String, Long> countByState() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String state : new String[] {PENDING, RUNNING, DONE, FAILED}) {
            counts.put(state, 0L);
        }
        dsl.select(CONVERSION_JOBS.STATE, org.jooq.impl.DSL.count())
                .from(CONVERSION_JOBS)
                .groupBy(CONVERSION_JOBS.STATE)
                .fetch()
                .forEach(r -> counts.put(r.value1(), r.value2().longValue()));
        return counts;
    }

    /** The job is still running under this very claim: same holder, same attempt. */
    private static Condition held(ConversionJob job) {
        Objects.requireNonNull(job, "job");
        return CONVERSION_JOBS
                .ID
                .eq(job.id())
                .and(CONVERSION_JOBS.STATE.eq(RUNNING))
                .and(CONVERSION_JOBS.CLAIMED_BY.eq(job.worker()))
                .and(CONVERSION_JOBS.ATTEMPTS.eq(job.attempt()));
    }
}
