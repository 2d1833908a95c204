package dev.cairn.core.conversion;

import dev.cairn.core.id.ContentId;
import java.util.Objects;

/**
 * A claimed conversion job: a worker holds it until it completes, retries or fails it, or stops heartbeating and the
 * reaper takes it back. One job makes every rendition its content's plan calls for.
 *
 * @param id the queue's id for it
 * @param content what to convert
 * @param attempt which attempt this claim is, from 1 ({@code attempts} after the claim)
 * @param maxAttempts after this attempt fails the job is failed for good
 * @param worker who holds it ({@code claimed_by}); the queue acts on a claim only for its holder
 */
public record ConversionJob(long id, ContentId content, int attempt, int maxAttempts, String worker) {
    public ConversionJob {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(worker, "worker");
        if (attempt < 1 || attempt > maxAttempts) {
            throw new IllegalArgumentException("attempt is 1 to " + maxAttempts + ", got " + attempt);
        }
    }

    /** Whether a failure of this attempt is the last: no retry follows. */
    public boolean lastAttempt() {
        return attempt >= maxAttempts;
    }
}
