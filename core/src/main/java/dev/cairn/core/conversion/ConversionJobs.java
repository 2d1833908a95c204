package dev.cairn.core.conversion;

import java.time.Instant;
import java.util.Optional;

/**
 * Port: the workers' side of the durable conversion queue ({@code conversion_jobs}; {@link
 * dev.cairn.core.content.ConversionQueue} is the side that asks). A job is {@code pending} until claimed, {@code
 * running} while a worker holds it, then {@code done} or {@code failed}; a retry or the reaper puts it back to {@code
 * pending}. Every change to a running job names the claim ({@link ConversionJob#worker()}), so a worker whose job was
 * taken back cannot finish it. Safe for concurrent use by many workers, in several processes for a database.
 */
public interface ConversionJobs {
    /**
     * Claims the oldest pending job that is due (its next attempt time has come): it becomes running, held by {@code
     * worker}, with one more attempt counted. Empty if none is due.
     */
    Optional<ConversionJob> claim(String worker);

    /** Says the holder is alive; false if the job is no longer running under this claim (reaped, finished). */
    boolean heartbeat(ConversionJob job);

    /** The job is done; false if it no longer ran under this claim. */
    boolean complete(ConversionJob job);

    /**
     * The attempt failed and may be tried again: pending from {@code notBefore}, with {@code reason} kept as the last
     * error. False if it no longer ran under this claim.
     *
     * @throws IllegalArgumentException on the job's last attempt: it can only {@link #fail}
     */
    boolean retry(ConversionJob job, String reason, Instant notBefore);

    /** Failed for good with {@code reason}, a sentence for the owner. False if it no longer ran under this claim. */
    boolean fail(ConversionJob job, String reason);

    /**
     * Takes back running jobs whose holder stopped heartbeating before {@code heartbeatBefore}, or, when {@code
     * workerPrefix} is given, whose holder's name starts with it (a node restarting takes back its own at once): each
     * becomes pending and due now, or failed if that was its last attempt.
     *
     * @return how many jobs were taken back or failed
     */
    int reap(Instant heartbeatBefore, Optional<String> workerPrefix);

    /** The last error a reaped job keeps: its worker went silent (crashed, killed, the node restarted). */
    static String abandoned(String worker, int attempt, int maxAttempts) {
        return "worker " + worker + " stopped during attempt " + attempt + " of " + maxAttempts
                + " (the node was stopped or crashed)";
    }
}
