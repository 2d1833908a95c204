package dev.cairn.core.conversion;

import dev.cairn.core.content.ContentKind;
import dev.cairn.core.content.ConversionQueue;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.port.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The conversion queue in memory, both sides ({@link ConversionQueue} and {@link ConversionJobs}): for tests,
 * simulations and embedding without a database. Thread-safe; the same rules as {@code conversion_jobs}.
 */
public final class InMemoryConversionJobs implements ConversionQueue, ConversionJobs {
    /** A job's row: its state and claim. */
    public record Row(
            long id,
            ContentId content,
            String state,
            int attempts,
            int maxAttempts,
            Instant nextAttemptAt,
            Optional<String> claimedBy,
            Optional<Instant> heartbeatAt,
            Optional<String> lastError) {}

    private final Clock clock;
    private final int maxAttempts;
    private final List<Row> rows = new ArrayList<>();
    private long nextId = 1;

    public InMemoryConversionJobs(Clock clock, int maxAttempts) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1: " + maxAttempts);
        }
        this.maxAttempts = maxAttempts;
    }

    @Override
    public synchronized boolean enqueue(ContentId content, ContentKind kind) {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(kind, "kind");
        boolean open = rows.stream().anyMatch(r -> r.content().equals(content) && isOpen(r));
        if (open) {
            return false;
        }
        rows.add(new Row(
                nextId++,
                content,
                "pending",
                0,
                maxAttempts,
                clock.instant(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty()));
        return true;
    }

    @Override
    public synchronized Optional<ConversionJob> claim(String worker) {
        Objects.requireNonNull(worker, "worker");
        Instant now = clock.instant();
        Optional<Row> due = rows.stream()
                .filter(r -> r.state().equals("pending") && !r.nextAttemptAt().isAfter(now))
                .min((a, b) -> a.nextAttemptAt().equals(b.nextAttemptAt())
                        ? Long.compare(a.id(), b.id())
                        : a.nextAttemptAt().compareTo(b.nextAttemptAt()));
        if (due.isEmpty()) {
            return Optional.empty();
        }
        Row r = due.get();
        replace(new Row(
                r.id(),
                r.content(),
                "running",
                r.attempts() + 1,
                r.maxAttempts(),
                r.nextAttemptAt(),
                Optional.of(worker),
                Optional.of(now),
                r.lastError()));
        return Optional.of(new ConversionJob(r.id(), r.content(), r.attempts() + 1, r.maxAttempts(), worker));
    }

    @Override
    public synchronized boolean heartbeat(ConversionJob job) {
        return held(job)
                .map(r -> {
                    replace(with(r, "running", r.nextAttemptAt(), Optional.of(clock.instant()), r.lastError()));
                    return true;
                })
                .orElse(false);
    }

    @Override
    public synchronized boolean complete(ConversionJob job) {
        return end(job, "done", Optional.empty());
    }

    @Override
    public synchronized boolean retry(ConversionJob job, String reason, Instant notBefore) {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(notBefore, "notBefore");
        if (job.lastAttempt()) {
            throw new IllegalArgumentException("attempt " + job.attempt() + " of " + job.maxAttempts()
                    + " is the last of job " + job.id() + "; it can only fail");
        }
        return held(job)
                .map(r -> {
                    replace(with(r, "pending", notBefore, Optional.empty(), Optional.of(reason)));
                    return true;
                })
                .orElse(false);
    }

    @Override
    public synchronized boolean fail(ConversionJob job, String reason) {
        return end(job, "failed", Optional.of(Objects.requireNonNull(reason, "reason")));
    }

    @Override
    public synchronized int reap(Instant heartbeatBefore, Optional<String> workerPrefix) {
        Objects.requireNonNull(heartbeatBefore, "heartbeatBefore");
        Objects.requireNonNull(workerPrefix, "workerPrefix");
        Instant now = clock.instant();
        int reaped = 0;
        for (Row r : List.copyOf(rows)) {
            boolean stale = r.state().equals("running")
                    && (r.heartbeatAt().orElseThrow().isBefore(heartbeatBefore)
                            || workerPrefix
                                    .filter(p -> r.claimedBy().orElseThrow().startsWith(p))
                                    .isPresent());
            if (stale) {
                String reason = ConversionJobs.abandoned(r.claimedBy().orElseThrow(), r.attempts(), r.maxAttempts());
                replace(
                        r.attempts() >= r.maxAttempts()
                                ? with(r, "failed", r.nextAttemptAt(), r.heartbeatAt(), Optional.of(reason))
                                : with(r, "pending", now, Optional.empty(), Optional.of(reason)));
                reaped++;
            }
        }
        return reaped;
    }

    /** Every job, oldest first: for tests and inspection. */
    public synchronized List<Row> rows() {
        return List.copyOf(rows);
    }

    private boolean end(ConversionJob job, String state, Optional<String> error) {
        return held(job)
                .map(r -> {
                    replace(with(r, state, r.nextAttemptAt(), r.heartbeatAt(), error.or(r::lastError)));
                    return true;
                })
                .orElse(false);
    }

    private Optional<Row> held(ConversionJob job) {
        Objects.requireNonNull(job, "job");
        return rows.stream()
                .filter(r -> r.id() == job.id()
                        && r.state().equals("running")
                        && r.claimedBy().equals(Optional.of(job.worker()))
                        && r.attempts() == job.attempt())
                .findFirst();
    }

    private static Row with(
            Row r, String state, Instant nextAttemptAt, Optional<Instant> heartbeatAt, Optional<String> error) {
        boolean claimed = state.equals("running");
        return new Row(
                r.id(),
                r.content(),
                state,
                r.attempts(),
                r.maxAttempts(),
                nextAttemptAt,
                claimed || state.equals("done") || state.equals("failed") ? r.claimedBy() : Optional.empty(),
                heartbeatAt,
                error);
    }

    private void replace(Row row) {
        rows.replaceAll(r -> r.id() == row.id() ? row : r);
    }

    private static boolean isOpen(Row r) {
        return r.state().equals("pending") || r.state().equals("running");
    }
}
