package dev.cairn.adapters.http.overlay;

import dev.cairn.core.id.NodeId;
import dev.cairn.core.id.NodeIdentity;
import dev.cairn.core.metrics.MetricMessage;
import dev.cairn.core.metrics.MetricTransport;
import dev.cairn.core.port.Clock;
import dev.cairn.core.port.RandomBytes;
import dev.cairn.core.replication.ReplicationMessage;
import dev.cairn.core.replication.ReplicationTransport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends overlay messages to peers over HTTP: {@code POST <peer>/api/v1/network.message} with a signed
 * {@link OverlayEnvelope}.
 *
 * <p>Best effort, as both ports allow: {@link #send} never blocks. Each peer has a bounded queue drained in order by one
 * virtual thread that exists only while the queue is non-empty; a message that finds its peer's queue full, or whose
 * peer has no known address when its turn comes, is dropped and counted. Envelopes are signed when sent, so their
 * {@code ts} is the sending time even after queueing. Outcomes are counted in {@code overlay.messages.sent} tagged
 * {@code outcome}: delivered, refused (the peer answered other than 202), failed (no answer), dropped, unresolved.
 */
public final class HttpOverlaySender implements ReplicationTransport, MetricTransport, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpOverlaySender.class);
    private static final HexFormat HEX = HexFormat.of();

    /**
     * @param queuePerPeer messages waiting for one peer at most; more are dropped
     * @param requestTimeout how long one POST may take, connection included
     */
    public record Settings(int queuePerPeer, Duration requestTimeout) {
        public static final Settings DEFAULT = new Settings(256, Duration.ofSeconds(10));

        public Settings {
            if (queuePerPeer < 1) {
                throw new IllegalArgumentException("queuePerPeer must be >= 1, got " + queuePerPeer);
            }
            if (requestTimeout.isNegative() || requestTimeout.isZero()) {
                throw new IllegalArgumentException("requestTimeout must be > 0, got " + requestTimeout);
            }
        }
    }

    private final NodeIdentity self;
    private final Function<NodeId, Optional<URI>> addresses;
    private final HttpClient client;
    private final Clock clock;
    private final RandomBytes random;
    private final Settings settings;
    private final MeterRegistry registry;
    private final ConcurrentMap<NodeId, PeerQueue> queues = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * @param addresses a peer's base URL ({@code https://host:port}, possibly with a path prefix) from membership, or
     *     empty if unknown
     * @param client a client from {@link PeerHttpClients#create}, shared with the other peer-facing adapters
     */
    public HttpOverlaySender(
            NodeIdentity self,
            Function<NodeId, Optional<URI>> addresses,
            HttpClient client,
            Clock clock,
            RandomBytes random,
            Settings settings,
            MeterRegistry registry) {
        this.self = Objects.requireNonNull(self, "self");
        this.addresses = Objects.requireNonNull(addresses, "addresses");
        this.client = Objects.requireNonNull(client, "client");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public void send(NodeId to, ReplicationMessage message) {
        enqueue(to, OverlayMessage.of(message));
    }

    @Override
    public void send(NodeId to, MetricMessage message) {
        enqueue(to, OverlayMessage.of(message));
    }

    /** Stops accepting messages; those already queued are still sent. */
    @Override
    public void close() {
        closed = true;
    }

    private void enqueue(NodeId to, OverlayMessage message) {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(message, "message");
        if (closed) {
            count("dropped");
            return;
        }
        while (true) {
            PeerQueue queue = queues.computeIfAbsent(to, PeerQueue::new);
            switch (queue.offer(message, settings.queuePerPeer())) {
                case QUEUED -> {
                    return;
                }
                case STARTED -> {
                    Thread.ofVirtual()
                            .name("overlay-send-" + to.hex().substring(0, 12))
                            .start(() -> drain(queue));
                    return;
                }
                case FULL -> {
                    count("dropped");
                    return;
                }
                // The drainer retired this queue between lookup and offer: take a fresh one.
                case RETIRED -> queues.remove(to, queue);
            }
        }
    }

    private void drain(PeerQueue queue) {
        OverlayMessage message;
        while ((message = queue.pollOrRetire()) != null) {
            deliver(queue.peer, message);
        }
        queues.remove(queue.peer, queue);
    }

    private void deliver(NodeId to, OverlayMessage message) {
        Optional<URI> base = addresses.apply(to);
        if (base.isEmpty()) {
            count("unresolved");
            return;
        }
        var nonce = HEX.formatHex(random.bytes(OverlayEnvelope.NONCE_HEX_LENGTH / 2));
        byte[] body =
                OverlayEnvelope.sign(self, to, nonce, clock.millis(), message).toBytes();
        URI uri = endpoint(base.get(), NetworkMessageRoutes.PATH);
        var request = HttpRequest.newBuilder(uri)
                .timeout(settings.requestTimeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 202) {
                count("delivered");
            } else {
                count("refused");
                log.debug(
                        "Peer {} at {} refused an overlay message with {}: {}",
                        to,
                        uri,
                        response.statusCode(),
                        abbreviate(response.body()));
            }
        } catch (IOException e) {
            count("failed");
            log.debug("Could not send an overlay message to {} at {}: {}", to, uri, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            count("failed");
        }
    }

    /** {@code base} with {@code path} appended to whatever path it has (a node may live under a prefix). */
    public static URI endpoint(URI base, String path) {
        String text = base.toString();
        return URI.create((text.endsWith("/") ? text.substring(0, text.length() - 1) : text) + path);
    }

    private void count(String outcome) {
        Counter.builder("overlay.messages.sent")
                .description("Overlay messages this node tried to send, by outcome")
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 197) + "...";
    }
}
