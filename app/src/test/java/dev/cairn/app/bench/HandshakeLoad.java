package dev.cairn.app.bench;

import dev.cairn.adapters.http.membership.HttpPeerTransport;
import dev.cairn.adapters.http.membership.PeerRefusedException;
import dev.cairn.adapters.http.membership.PeerTransportConfig;
import dev.cairn.core.id.NodeIdentity;
import dev.cairn.core.membership.AsnResolver;
import dev.cairn.core.membership.HandshakeRejectedException;
import dev.cairn.core.membership.Membership;
import dev.cairn.core.membership.MembershipConfig;
import dev.cairn.core.membership.NodeInfo;
import dev.cairn.core.membership.Privacy;
import dev.cairn.core.port.RandomBytes;
import dev.cairn.core.port.SystemClock;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;

/**
 * Load generator for handshakes over HTTP: M client nodes, each a real {@link Membership} with its own
 * {@link NodeIdentity}, handshake with one running node from T threads. First every client handshakes once (the join:
 * the node then holds M members), then all handshake again for a warm-up of W seconds and for the D seconds measured;
 * each phase is reported.
 *
 * <p>Every handshake is the full protocol on both sides: the client signs a request (carrying the receipt the node
 * issued it last time, from its second handshake on), the node verifies it, issues a receipt and signs a response,
 * and the client verifies the response and its fresh receipt and issues a receipt for the node. Client {@code i} is
 * driven by thread {@code i mod T} only, and each thread's clients share one {@link HttpPeerTransport} (one JDK
 * HttpClient, so one kept-alive connection per thread). Prints completed handshakes per second, this process's CPU
 * time per handshake (the client side's share of the machine), latency percentiles and failures by reason (the node's
 * error code for a refusal).
 *
 * <p>Usage: {@code HandshakeLoad NODE_URL M T D [W [NODE_PID]]}, e.g.
 * {@code HandshakeLoad http://127.0.0.1:18080 1000 8 20 5 4242}; with the node's pid (same machine) it also prints the
 * node JVM's CPU time per handshake.
 */
public final class HandshakeLoad {
    private final List<List<Membership>> clientsByThread;
    private final Optional<ProcessHandle> nodeProcess;

    private HandshakeLoad(List<List<Membership>> clientsByThread, Optional<ProcessHandle> nodeProcess) {
        this.clientsByThread = clientsByThread;
        this.nodeProcess = nodeProcess;
    }

    /** What one timed phase did. */
    record Outcome(
            long completed,
            double seconds,
            double cpuSeconds,
            double nodeCpuSeconds,
            long[] latenciesMicros,
            Map<String, Long> failures) {
        double perSecond() {
            return completed / seconds;
        }

        long percentileMicros(double p) {
            if (latenciesMicros.length == 0) {
                return 0;
            }
            int index = (int) Math.ceil(p / 100 * latenciesMicros.length) - 1;
            return latenciesMicros[Math.max(0, Math.min(latenciesMicros.length - 1, index))];
        }
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length < 4 || args.length > 6) {
            throw new IllegalArgumentException(
                    "usage: HandshakeLoad NODE_URL M T D [W [NODE_PID]], got " + Arrays.toString(args));
        }
        URI node = URI.create(args[0]);
        int identities = Integer.parseInt(args[1]);
        int threads = Integer.parseInt(args[2]);
        Duration duration = Duration.ofSeconds(Long.parseLong(args[3]));
        Duration warmUp = Duration.ofSeconds(args.length >= 5 ? Long.parseLong(args[4]) : 5);
        Optional<ProcessHandle> nodeProcess = args.length == 6
                ? Optional.of(ProcessHandle.of(Long.parseLong(args[5]))
                        .orElseThrow(() -> new IllegalArgumentException("no process " + args[5])))
                : Optional.empty();
        if (threads < 1 || identities < threads) {
            throw new IllegalArgumentException("need 1 <= T <= M so that every thread drives its own clients, got M="
                    + identities + " T=" + threads);
        }

        long made = System.nanoTime();
        var load = create(identities, threads, nodeProcess);
        System.out.printf(
                "%d client identities on %d threads in %.1f s; node %s%n",
                identities, threads, (System.nanoTime() - made) / 1e9, node);
        Outcome joined = load.run(node, Duration.ofHours(1), 1);
        System.out.printf("join, each client once: %s%n", summary(joined));
        if (!warmUp.isZero()) {
            Outcome warm = load.run(node, warmUp, Integer.MAX_VALUE);
            System.out.printf("warm-up %d s: %s%n", warmUp.toSeconds(), summary(warm));
        }
        Outcome measured = load.run(node, duration, Integer.MAX_VALUE);
        System.out.printf("measured %d s: %s%n", duration.toSeconds(), summary(measured));
        System.out.printf("handshakes/s: %.0f%n", measured.perSecond());
    }

    private static HandshakeLoad create(int identities, int threads, Optional<ProcessHandle> nodeProcess) {
        var random = new SecureRandom();
        var clientsByThread = new ArrayList<List<Membership>>();
        var transports = new ArrayList<HttpPeerTransport>();
        for (int t = 0; t < threads; t++) {
            clientsByThread.add(new ArrayList<>());
            transports.add(new HttpPeerTransport(PeerTransportConfig.DEFAULTS));
        }
        for (int i = 0; i < identities; i++) {
            NodeIdentity identity = NodeIdentity.generate(random);
            var self = new NodeInfo(
                    identity.nodeId(),
                    identity.publicKey(),
                    Optional.empty(),
                    Privacy.PRIVATE,
                    List.of(),
                    "cairn-bench/handshake-load",
                    Optional.empty());
            clientsByThread
                    .get(i % threads)
                    .add(new Membership(
                            identity,
                            self,
                            MembershipConfig.DEFAULTS,
                            SystemClock.INSTANCE,
                            RandomBytes.secure(),
                            AsnResolver.NONE,
                            transports.get(i % threads)));
        }
        return new HandshakeLoad(clientsByThread, nodeProcess);
    }

    /** Every thread handshakes through its clients in turn, each at most {@code passes} times, until the deadline. */
    private Outcome run(URI node, Duration duration, int passes) throws InterruptedException {
        var completed = new LongAdder();
        var failures = new ConcurrentHashMap<String, LongAdder>();
        var latencies = new ArrayList<long[]>();
        long cpuBefore = processCpuNanos();
        long nodeCpuBefore = nodeCpuNanos();
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        try (ExecutorService threads = Executors.newFixedThreadPool(
                clientsByThread.size(),
                Thread.ofPlatform().name("handshake-load-", 0).factory())) {
            var running = clientsByThread.stream()
                    .map(clients -> threads.submit(() -> drive(clients, passes, node, deadline, completed, failures)))
                    .toList();
            for (Future<long[]> thread : running) {
                latencies.add(thread.get());
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("a load thread failed", e.getCause());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (processCpuNanos() - cpuBefore) / 1e9;
        double nodeCpuSeconds = (nodeCpuNanos() - nodeCpuBefore) / 1e9;
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        var failed = new TreeMap<String, Long>();
        failures.forEach((reason, count) -> failed.put(reason, count.sum()));
        return new Outcome(completed.sum(), seconds, cpuSeconds, nodeCpuSeconds, all, failed);
    }

    /** One thread's loop; returns the latencies of its successes in µs. */
    private static long[] drive(
            List<Membership> clients,
            int passes,
            URI node,
            long deadline,
            LongAdder completed,
            Map<String, LongAdder> failures) {
        long[] latencies = new long[1024];
        int count = 0;
        long attempts = (long) passes * clients.size();
        for (long i = 0; i < attempts && System.nanoTime() < deadline; i++) {
            long began = System.nanoTime();
            try {
                clients.get((int) (i % clients.size())).handshakeWith(node);
                if (count == latencies.length) {
                    latencies = Arrays.copyOf(latencies, count * 2);
                }
                latencies[count++] = (System.nanoTime() - began) / 1_000;
                completed.increment();
            } catch (IOException | RuntimeException e) {
                failures.computeIfAbsent(reason(e), r -> new LongAdder()).increment();
            }
        }
        return Arrays.copyOf(latencies, count);
    }

    /** CPU time of this whole process, all threads: the client side's share of the machine. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** CPU time of the node's process when its pid was given (the JVM only, not its PostgreSQL), else 0. */
    private long nodeCpuNanos() {
        return nodeProcess
                .flatMap(p -> p.info().totalCpuDuration())
                .map(Duration::toNanos)
                .orElse(0L);
    }

    /** The node's error code for a refusal, the check that failed on this side, or the kind of I/O failure. */
    private static String reason(Exception e) {
        return switch (e) {
            case PeerRefusedException refused -> "node refused: HTTP " + refused.status() + " " + refused.code();
            case HandshakeRejectedException rejected -> "response rejected here: " + rejected.reason();
            default ->
                e.getClass().getSimpleName()
                        + (e.getCause() == null
                                ? ""
                                : " (" + e.getCause().getClass().getSimpleName() + ")");
        };
    }

    private static String summary(Outcome o) {
        return String.format(
                "%d completed in %.1f s = %.0f/s; CPU per handshake: client %.2f ms, node %.2f ms;"
                        + " latency p50 %.1f ms, p99 %.1f ms, max %.1f ms; failures %s",
                o.completed(),
                o.seconds(),
                o.perSecond(),
                o.completed() == 0 ? 0.0 : o.cpuSeconds() * 1e3 / o.completed(),
                o.completed() == 0 ? 0.0 : o.nodeCpuSeconds() * 1e3 / o.completed(),
                o.percentileMicros(50) / 1e3,
                o.percentileMicros(99) / 1e3,
                o.percentileMicros(100) / 1e3,
                o.failures().isEmpty() ? "none" : o.failures());
    }
}
