package dev.cairn.adapters.http.system;

import dev.cairn.adapters.http.error.ApiException;
import dev.cairn.adapters.http.server.Routes;
import dev.cairn.core.port.Clock;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/system.version} (liveness: answers whenever the process serves HTTP) and
 * {@code GET /api/system.ready} (readiness: 200 when every check passes within its timeout, else 503 naming the
 * failed checks; their reasons go to the log only).
 */
public final class SystemRoutes implements Routes {
    /** The protocol and DHT schema version this node speaks. */
    public static final String PROTOCOL_VERSION = "v1";

    private static final Logger LOG = LoggerFactory.getLogger(SystemRoutes.class);

    private final NodeDescription node;
    private final Clock clock;
    private final List<ReadinessCheck> checks;
    private final Duration checkTimeout;

    /**
     * @param checks run on every readiness request, concurrently, each bounded by {@code checkTimeout}
     */
    public SystemRoutes(NodeDescription node, Clock clock, List<ReadinessCheck> checks, Duration checkTimeout) {
        this.node = Objects.requireNonNull(node, "node");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.checks = List.copyOf(checks);
        this.checkTimeout = Objects.requireNonNull(checkTimeout, "checkTimeout");
        if (checkTimeout.isNegative() || checkTimeout.isZero()) {
            throw new IllegalArgumentException("readiness check timeout must be positive, got " + checkTimeout);
        }
        if (this.checks.stream().map(ReadinessCheck::name).distinct().count() != this.checks.size()) {
            throw new IllegalArgumentException("readiness check names must be distinct: " + this.checks);
        }
    }

    /** The body of {@code GET /api/system.version}. */
    public record Version(
            String status,
            String softwareVersion,
            String protocolVersion,
            String nodeId,
            long startedAtMillis,
            long uptimeSeconds) {}

    /** The body of a passing {@code GET /api/system.ready}. */
    public record Ready(boolean ready, Map<String, String> checks) {}

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/system.version", this::version);
        routes.get("/api/system.ready", this::ready);
    }

    void version(Context ctx) {
        long now = clock.millis();
        long uptime = Math.max(0, now - node.startedAtMillis()) / 1000;
        ctx.json(new Version(
                "ok", node.softwareVersion(), PROTOCOL_VERSION, node.nodeId().hex(), node.startedAtMillis(), uptime));
    }

    void ready(Context ctx) throws InterruptedException {
        var results = new LinkedHashMap<String, String>();
        var failed = new ArrayList<String>();
        // Not try-with-resources: close() would wait for a hung check; shutdownNow() interrupts it and moves on.
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        try {
            var futures = new LinkedHashMap<ReadinessCheck, Future<?>>();
            for (ReadinessCheck check : checks) {
                futures.put(check, pool.submit(() -> {
                    check.probe().check();
                    return null;
                }));
            }
            long deadline = System.nanoTime() + checkTimeout.toNanos();
            for (var entry : futures.entrySet()) {
                String name = entry.getKey().name();
                String problem = outcome(entry.getValue(), deadline);
                if (problem == null) {
                    results.put(name, "ok");
                } else {
                    failed.add(name);
                    LOG.atWarn()
                            .addKeyValue("check", name)
                            .addKeyValue("reason", problem)
                            .log("readiness check failed");
                }
            }
        } finally {
            pool.shutdownNow();
        }
        if (!failed.isEmpty()) {
            throw new ApiException(503, "not_ready", "readiness checks failed: " + String.join(", ", failed));
        }
        ctx.json(new Ready(true, results));
    }

    private String outcome(Future<?> future, long deadlineNanos) throws InterruptedException {
        try {
            future.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            return null;
        } catch (ExecutionException e) {
            return String.valueOf(e.getCause());
        } catch (TimeoutException e) {
            future.cancel(true);
            return "no answer within " + checkTimeout;
        }
    }
}
