package dev.cairn.app.node;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The upload pipeline's upkeep, on one thread ("cairn-uploads"): the expiry ({@code UploadService.expire}) deletes
 * unfinished uploads past their expiry with their spools, and the IPFS retry ({@code ContentPublisher.retryIpfs}) adds
 * to IPFS the contents whose add failed. The node bounds both per run ({@link #EXPIRE_LIMIT}, {@link
 * #IPFS_RETRY_LIMIT}), so a backlog is worked off over several runs instead of holding the database. What they return
 * is counted in {@code cairn_uploads_expired_total} and {@code cairn_ipfs_retry_added_total}; a run that fails is
 * logged and the next one comes as scheduled.
 */
final class UploadMaintenance implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(UploadMaintenance.class);
    static final int EXPIRE_LIMIT = 100;
    static final int IPFS_RETRY_LIMIT = 20;

    /** How often each task runs; the first run comes one period after start. */
    record Schedule(Duration expireEvery, Duration ipfsRetryEvery) {
        static final Schedule DEFAULT = new Schedule(Duration.ofMinutes(1), Duration.ofMinutes(5));

        Schedule {
            requirePositive("expireEvery", expireEvery);
            requirePositive("ipfsRetryEvery", ipfsRetryEvery);
        }

        private static void requirePositive(String name, Duration d) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, got " + d);
            }
        }
    }

    private final IntSupplier expire;
    private final IntSupplier retryIpfs;
    private final Schedule schedule;
    private final Counter expired;
    private final Counter ipfsAdded;
    private final ScheduledThreadPoolExecutor thread;

    /**
     * @param expire one expiry run; returns how many uploads (and orphaned spools) it deleted
     * @param retryIpfs one IPFS retry run; returns how many contents it added
     */
    UploadMaintenance(IntSupplier expire, IntSupplier retryIpfs, Schedule schedule, MeterRegistry registry) {
        this.expire = Objects.requireNonNull(expire, "expire");
        this.retryIpfs = Objects.requireNonNull(retryIpfs, "retryIpfs");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.expired = Counter.builder("cairn.uploads.expired")
                .description("unfinished uploads deleted after their expiry, and spools left without an upload")
                .register(registry);
        this.ipfsAdded = Counter.builder("cairn.ipfs.retry.added")
                .description("contents added to IPFS by the retry after their first add failed")
                .register(registry);
        this.thread = DaemonSchedule.single("cairn-uploads");
    }

    void start() {
        schedule("upload expiry", expire, expired, schedule.expireEvery());
        schedule("IPFS retry", retryIpfs, ipfsAdded, schedule.ipfsRetryEvery());
    }

    private void schedule(String task, IntSupplier work, Counter counter, Duration every) {
        long millis = every.toMillis();
        thread.scheduleWithFixedDelay(
                () -> {
                    try {
                        counter.increment(work.getAsInt());
                    } catch (RuntimeException e) {
                        // A scheduled task that throws is never run again (a database outage must not end it).
                        log.atError().setCause(e).addKeyValue("task", task).log("upload maintenance task failed");
                    }
                },
                millis,
                millis,
                TimeUnit.MILLISECONDS);
    }

    /**
     * Stops scheduling and lets a run in progress finish for up to 10 s, then interrupts it: an IPFS add cut off is
     * only a content still without a CID, which the next start's retry picks up.
     */
    @Override
    public void close() {
        DaemonSchedule.stop(thread, Duration.ofSeconds(10));
    }
}
