package dev.cairn.core.conversion;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker threads: each claims and runs jobs through a {@link ConversionService} until {@link #close}, and waits
 * for {@link #wake} (a job was queued) or the poll interval (a retry came due, another node queued one) when none is
 * due. Platform threads, not virtual: a conversion spends its time in native code, which would pin a virtual thread's
 * carrier anyway.
 */
public final class ConversionWorkers implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConversionWorkers.class);

    private final ConversionService service;
    private final Duration pollInterval;
    private final List<Thread> threads = new ArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition queued = lock.newCondition();
    private volatile boolean stopping;
    private long wakeups;

    /**
     * @param namePrefix each worker's name is this followed by its number; it is the claim's {@code claimed_by}, so it
     *     must start with what {@link ConversionJobs#reap}'s prefix takes back at the next start of this node
     */
    public ConversionWorkers(ConversionService service, int count, String namePrefix, Duration pollInterval) {
        this.service = Objects.requireNonNull(service, "service");
        this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(namePrefix, "namePrefix");
        if (count < 1) {
            throw new IllegalArgumentException("at least one worker, got " + count);
        }
        for (int i = 0; i < count; i++) {
            String name = namePrefix + "w" + i;
            threads.add(
                    Thread.ofPlatform().name("cairn-convert-" + i).daemon(true).unstarted(() -> work(name)));
        }
    }

    public void start() {
        threads.forEach(Thread::start);
    }

    /** A job was queued: an idle worker looks now rather than at its next poll. */
    public void wake() {
        lock.lock();
        try {
            wakeups++;
            queued.signal();
        } finally {
            lock.unlock();
        }
    }

    private void work(String name) {
        while (!stopping) {
            long seen;
            lock.lock();
            try {
                seen = wakeups;
            } finally {
                lock.unlock();
            }
            boolean ran;
            try {
                ran = service.runOnce(name);
            } catch (RuntimeException e) {
                // A database hiccup: the job, if one was claimed, is taken back by the reaper once its heartbeat stops.
                log.warn("Conversion worker {} failed; carrying on", name, e);
                ran = false;
            }
            if (!ran) {
                idle(seen);
            }
        }
    }

    private void idle(long seen) {
        lock.lock();
        try {
            if (wakeups == seen && !stopping) {
                queued.await(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops the workers: jobs running are cancelled and go back to the queue; waits up to {@code grace} for the
     * threads to end.
     */
    public void stop(Duration grace) throws InterruptedException {
        stopping = true;
        service.stopAll();
        lock.lock();
        try {
            queued.signalAll();
        } finally {
            lock.unlock();
        }
        long deadline = System.nanoTime() + grace.toNanos();
        for (Thread thread : threads) {
            long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            thread.join(left);
            if (thread.isAlive()) {
                log.warn("Conversion worker {} did not stop within {}", thread.getName(), grace);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop(Duration.ofSeconds(10));
    }
}
