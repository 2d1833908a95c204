package dev.cairn.adapters.postgres;

import static dev.cairn.adapters.postgres.schema.Tables.CONTENTS;
import static dev.cairn.adapters.postgres.schema.Tables.CONVERSION_JOBS;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.val;

import dev.cairn.core.content.ContentKind;
import dev.cairn.core.content.ConversionQueue;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.port.Clock;
import java.time.Instant;
import java.util.Objects;
import org.jooq.DSLContext;

/**
 * Conversion jobs in the {@code conversion_jobs} table: {@link #enqueue} adds a pending job for a whole content. The
 * job names no rendition ({@code derivative_kind} is NULL) and no kind: the content's kind is in its {@code contents}
 * row, where the worker reads which renditions to make.
 *
 * <p>Idempotence is the database's: the partial unique index {@code conversion_jobs_one_open_per_content} admits one
 * pending or running job per content, and the insert is {@code ON CONFLICT DO NOTHING}, so of two connections
 * enqueueing the same content at once exactly one inserts.
 */
public final class PostgresConversionQueue implements ConversionQueue {
    private static final String PENDING = "pending";

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
}
