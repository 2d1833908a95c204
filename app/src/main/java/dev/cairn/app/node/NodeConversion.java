package dev.cairn.app.node;

import dev.cairn.adapters.ffmpeg.JavaCvTranscoder;
import dev.cairn.adapters.ffmpeg.ScratchSpace;
import dev.cairn.adapters.postgres.PostgresConversionQueue;
import dev.cairn.adapters.postgres.PostgresDerivativeStore;
import dev.cairn.app.config.ConversionConfig;
import dev.cairn.core.blob.BlobStore;
import dev.cairn.core.content.ContentKind;
import dev.cairn.core.content.ContentStore;
import dev.cairn.core.content.ConversionQueue;
import dev.cairn.core.conversion.ConversionEvent;
import dev.cairn.core.conversion.ConversionService;
import dev.cairn.core.conversion.ConversionWorkers;
import dev.cairn.core.conversion.DerivationPolicy;
import dev.cairn.core.conversion.RetryBackoff;
import dev.cairn.core.encryption.ContentVault;
import dev.cairn.core.encryption.CtrCipher;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.id.NodeId;
import dev.cairn.core.port.Clock;
import dev.cairn.core.port.RandomBytes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The conversion pipeline of a node: the scratch directory and JavaCPP's cache under {@code DATA_DIR}, the JavaCV
 * transcoder, the queue and derivative tables, the workers, and one scheduler thread for heartbeats and the reaper.
 * {@link #close()} stops the workers first (running jobs go back to the queue while the database is still open), then
 * the scheduler, then releases the scratch directory.
 */
final class NodeConversion implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NodeConversion.class);
    /** Conversion attempts per content before it fails for good. */
    static final int MAX_ATTEMPTS = 3;

    static final Duration HEARTBEAT_EVERY = Duration.ofSeconds(10);
    /** A running job whose heartbeat is older than this is taken back: six missed heartbeats. */
    static final Duration STALE_AFTER = Duration.ofSeconds(60);

    static final Duration REAP_EVERY = Duration.ofSeconds(30);
    static final Duration POLL_EVERY = Duration.ofSeconds(5);
    static final RetryBackoff BACKOFF = new RetryBackoff(Duration.ofMinutes(1), Duration.ofHours(1));
    /** How long closing waits for workers to see their cancellation (JavaCV checks it between frames). */
    static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private static final String CACHE_DIR_PROPERTY = "org.bytedeco.javacpp.cachedir";
    private static final String MAX_BYTES_PROPERTY = "org.bytedeco.javacpp.maxBytes";
    private static final String MAX_PHYSICAL_BYTES_PROPERTY = "org.bytedeco.javacpp.maxPhysicalBytes";

    private final ScratchSpace scratch;
    private final PostgresConversionQueue queue;
    private final PostgresDerivativeStore derivatives;
    private final ConversionService service;
    private final ConversionWorkers workers;
    private final ScheduledThreadPoolExecutor scheduler;
    private final List<Consumer<ConversionEvent>> listeners = new CopyOnWriteArrayList<>();
    private final Clock clock;
    private final String workerPrefix;

    private NodeConversion(
            ConversionConfig config,
            ScratchSpace scratch,
            PostgresConversionQueue queue,
            PostgresDerivativeStore derivatives,
            ContentStore contents,
            ContentVault vault,
            BlobStore blobs,
            Clock clock,
            NodeId node,
            MeterRegistry registry) {
        this.scratch = scratch;
        this.queue = queue;
        this.derivatives = derivatives;
        this.clock = clock;
        // The node's id first: a restart takes back its own jobs at once. The pid tells this run from the one before.
        this.workerPrefix = node.hex() + "/";
        Counter ready = Counter.builder("cairn.conversion.finished")
                .tag("outcome", "ready")
                .description("conversion jobs that ended, by outcome")
                .register(registry);
        Counter failed = Counter.builder("cairn.conversion.finished")
                .tag("outcome", "failed")
                .description("conversion jobs that ended, by outcome")
                .register(registry);
        this.service = new ConversionService(
                queue,
                contents,
                derivatives,
                vault,
                blobs,
                new JavaCvTranscoder(scratch, config.limits()),
                DerivationPolicy.defaults(),
                clock,
                new ConversionService.Settings(config.timeout(), BACKOFF),
                event -> {
                    (event instanceof ConversionEvent.Ready ? ready : failed).increment();
                    listeners.forEach(listener -> listener.accept(event));
                });
        this.workers = new ConversionWorkers(
                service,
                config.workers(),
                workerPrefix + ProcessHandle.current().pid() + "/",
                POLL_EVERY);
        this.scheduler = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "cairn-conversion-upkeep");
            t.setDaemon(true);
            return t;
        });
        for (String state : List.of("pending", "running", "done", "failed")) {
            Gauge.builder("cairn.conversion.jobs", queue, q -> q.countByState().get(state))
                    .tag("state", state)
                    .description("conversion jobs in the queue, by state (all nodes sharing the database)")
                    .register(registry);
        }
        Gauge.builder("cairn.conversion.running", service, ConversionService::runningCount)
                .description("conversion jobs this node's workers are running now")
                .register(registry);
    }

    /**
     * Sets JavaCPP up under {@code dataDir} (its cache, unless {@code -Dorg.bytedeco.javacpp.cachedir} says otherwise,
     * and the native memory budget), opens the scratch directory (which locks it: one node per data directory), and
     * takes back the jobs an earlier run of this node left running.
     */
    static NodeConversion open(
            ConversionConfig config,
            Path dataDir,
            PostgresConversionQueue queue,
            PostgresDerivativeStore derivatives,
            ContentStore contents,
            ContentVault vault,
            BlobStore blobs,
            CtrCipher cipher,
            RandomBytes random,
            Clock clock,
            NodeId node,
            MeterRegistry registry)
            throws IOException {
        setIfAbsent(CACHE_DIR_PROPERTY, dataDir.resolve("javacpp").toString());
        long budget = config.nativeMemoryBudget();
        setIfAbsent(MAX_BYTES_PROPERTY, Long.toString(budget));
        setIfAbsent(
                MAX_PHYSICAL_BYTES_PROPERTY, Long.toString(Runtime.getRuntime().maxMemory() + budget));
        ScratchSpace scratch = ScratchSpace.open(dataDir.resolve("conversion"), cipher, random);
        try {
            var conversion = new NodeConversion(
                    config, scratch, queue, derivatives, contents, vault, blobs, clock, node, registry);
            int resumed = queue.reap(clock.instant().minus(STALE_AFTER), Optional.of(conversion.workerPrefix));
            if (resumed > 0) {
                log.info("Took back {} conversion jobs left running by an earlier run of this node", resumed);
            }
            return conversion;
        } catch (RuntimeException | LinkageError e) {
            scratch.close();
            throw e;
        }
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    void start() {
        workers.start();
        scheduler.scheduleWithFixedDelay(
                () -> guard("heartbeat", service::heartbeat),
                HEARTBEAT_EVERY.toMillis(),
                HEARTBEAT_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(
                () -> guard("reaper", this::reap), 0, REAP_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void reap() {
        int reaped = queue.reap(clock.instant().minus(STALE_AFTER), Optional.empty());
        if (reaped > 0) {
            log.warn(
                    "Took back {} conversion jobs whose worker stopped heartbeating for {} s",
                    reaped,
                    STALE_AFTER.toSeconds());
        }
    }

    private static void guard(String task, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            log.warn("Conversion {} failed; trying again at its next run: {}", task, e.toString());
        }
    }

    /** The queue as the upload pipeline sees it: a content queued here wakes an idle worker at once. */
    ConversionQueue queue() {
        return (ContentId content, ContentKind kind) -> {
            boolean queued = queue.enqueue(content, kind);
            if (queued) {
                workers.wake();
            }
            return queued;
        };
    }

    PostgresDerivativeStore derivatives() {
        return derivatives;
    }

    /** Tells {@code listener} of every conversion that ends on this node (the bots notify owners). */
    void onEvent(Consumer<ConversionEvent> listener) {
        listeners.add(listener);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            workers.stop(STOP_GRACE);
        } finally {
            scheduler.shutdownNow();
            scheduler.awaitTermination(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            scratch.close();
        }
    }
}
