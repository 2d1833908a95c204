package dev.cairn.adapters.http.ipfs;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Runs an abort action once nothing has been {@linkplain #heard() heard} for a whole limit. Kubo calls have no fixed
 * length (an upload or a pin of a large blob takes as long as it takes), so they are bounded by silence instead: an
 * upload the daemon stops reading, an answer that does not come, a pin that fetches no block.
 */
final class SilenceWatchdog implements AutoCloseable {
    private final long limitNanos;
    private final Runnable abort;
    private final Thread thread;
    private volatile long lastHeard = System.nanoTime();
    private volatile boolean fired;

    SilenceWatchdog(Duration limit, Runnable abort) {
        this.limitNanos = limit.toNanos();
        this.abort = abort;
        this.thread = Thread.ofVirtual().name("kubo-silence-watchdog").start(this::watch);
    }

    /** Progress: the silence starts over. */
    void heard() {
        lastHeard = System.nanoTime();
    }

    /** Whether the limit passed and the abort action ran. */
    boolean fired() {
        return fired;
    }

    private void watch() {
        try {
            while (true) {
                long quiet = System.nanoTime() - lastHeard;
                if (quiet >= limitNanos) {
                    fired = true;
                    abort.run();
                    return;
                }
                TimeUnit.NANOSECONDS.sleep(limitNanos - quiet);
            }
        } catch (InterruptedException e) {
            // Closed: the call ended in time.
        }
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
