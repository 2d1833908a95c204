package dev.cairn.adapters.http.blob;

import dev.cairn.adapters.http.overlay.HttpOverlaySender;
import dev.cairn.core.blob.BlobStore;
import dev.cairn.core.blob.PendingBlob;
import dev.cairn.core.hash.Blake3;
import dev.cairn.core.hash.Digest256;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.replication.PinSet;
import dev.cairn.core.replication.ReplicaFetcher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The holder side of a lease over HTTP: fetches a blob from the peers believed to hold it ({@link BlobRoutes} on
 * theirs), streaming it into the {@link BlobStore} while hashing it, and commits it only if its BLAKE3-256 is the
 * ContentId. A peer that is down, answers other than 200, sends more than the size limit, stalls or sends other bytes
 * is skipped for the next one. Never holds a whole blob in memory.
 *
 * <p>Counts peer attempts in {@code replica.fetch.attempts} tagged {@code outcome}: pinned, unavailable (connection or
 * status), too_large, stalled, hash_mismatch.
 */
public final class HttpReplicaFetcher implements ReplicaFetcher {
    private static final Logger log = LoggerFactory.getLogger(HttpReplicaFetcher.class);
    private static final int CHUNK = 64 * 1024;
    /** What {@link #readOrStall} returns when the watchdog cut a stalled transfer off. */
    private static final int STALLED = -2;

    /**
     * @param maxBlobBytes the largest blob fetched ({@code MAX_CONTENT_SIZE_MB} in bytes); a peer sending more is
     *     cut off
     * @param responseTimeout how long a peer may take to start answering
     * @param idleTimeout how long a transfer may go without receiving a byte before it is abandoned
     */
    public record Settings(long maxBlobBytes, Duration responseTimeout, Duration idleTimeout) {
        public Settings {
            if (maxBlobBytes < 1) {
                throw new IllegalArgumentException("maxBlobBytes must be >= 1, got " + maxBlobBytes);
            }
            if (responseTimeout.isNegative() || responseTimeout.isZero()) {
                throw new IllegalArgumentException("responseTimeout must be > 0, got " + responseTimeout);
            }
            if (idleTimeout.isNegative() || idleTimeout.isZero()) {
                throw new IllegalArgumentException("idleTimeout must be > 0, got " + idleTimeout);
            }
        }
    }

    private final BlobStore store;
    private final PinSet pins;
    private final Function<ContentId, List<URI>> holders;
    private final Predicate<ContentId> keepWhenUnpinned;
    private final HttpClient client;
    private final Settings settings;
    private final MeterRegistry registry;

    /**
     * @param holders base URLs of the nodes believed to hold a content (its lease holders and its uploader), tried in
     *     order
     * @param keepWhenUnpinned contents whose blob stays when unpinned: those this node uploaded or owns
     * @param client a client from {@code PeerHttpClients.create}
     */
    public HttpReplicaFetcher(
            BlobStore store,
            PinSet pins,
            Function<ContentId, List<URI>> holders,
            Predicate<ContentId> keepWhenUnpinned,
            HttpClient client,
            Settings settings,
            MeterRegistry registry) {
        this.store = Objects.requireNonNull(store, "store");
        this.pins = Objects.requireNonNull(pins, "pins");
        this.holders = Objects.requireNonNull(holders, "holders");
        this.keepWhenUnpinned = Objects.requireNonNull(keepWhenUnpinned, "keepWhenUnpinned");
        this.client = Objects.requireNonNull(client, "client");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public boolean fetchAndPin(ContentId content) {
        try {
            if (store.exists(content)) {
                pins.add(content);
                return true;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not look up blob " + content + " in the local store", e);
        }
        for (URI peer : holders.apply(content)) {
            if (fetchFrom(peer, content)) {
                pins.add(content);
                return true;
            }
        }
        return false;
    }

    @Override
    public void unpin(ContentId content) {
        pins.remove(content);
        if (keepWhenUnpinned.test(content)) {
            return;
        }
        try {
            store.delete(content);
        } catch (IOException e) {
            // Left on disk, unpinned: a later garbage collection of unpinned blobs removes it.
            log.warn("Could not delete unpinned blob {}: {}", content, e.toString());
        }
    }

    private boolean fetchFrom(URI peer, ContentId content) {
        URI uri = HttpOverlaySender.endpoint(peer, BlobRoutes.pathOf(content));
        var request = HttpRequest.newBuilder(uri)
                .timeout(settings.responseTimeout())
                .GET()
                .build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    return rejected("unavailable", uri, "answered " + response.statusCode());
                }
                long declared =
                        response.headers().firstValueAsLong("Content-Length").orElse(-1);
                if (declared > settings.maxBlobBytes()) {
                    return rejected(
                            "too_large",
                            uri,
                            "declares " + declared + " bytes, over the limit of " + settings.maxBlobBytes());
                }
                return store(body, uri, content);
            }
        } catch (IOException e) {
            return rejected("unavailable", uri, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Streams {@code body} into a pending blob, hashing as it goes; commits only a blob whose hash is its id. */
    private boolean store(InputStream body, URI uri, ContentId content) throws IOException {
        var hasher = Blake3.newHasher();
        byte[] chunk = new byte[CHUNK];
        try (PendingBlob pending = store.openWriter();
                var watchdog = new IdleWatchdog(body, settings.idleTimeout())) {
            int n;
            while ((n = readOrStall(body, chunk, watchdog)) >= 0) {
                if (pending.size() + n > settings.maxBlobBytes()) {
                    return rejected(
                            "too_large", uri, "sent more than the limit of " + settings.maxBlobBytes() + " bytes");
                }
                hasher.update(chunk, 0, n);
                pending.write(ByteBuffer.wrap(chunk, 0, n));
            }
            if (n == STALLED) {
                return rejected("stalled", uri, "sent nothing for " + settings.idleTimeout());
            }
            var actual = Digest256.of(hasher.digest());
            if (!actual.equals(content.value())) {
                return rejected("hash_mismatch", uri, "sent " + pending.size() + " bytes hashing to " + actual);
            }
            pending.commit(content);
        }
        count("pinned");
        return true;
    }

    private static int readOrStall(InputStream body, byte[] chunk, IdleWatchdog watchdog) throws IOException {
        try {
            int n = body.read(chunk);
            watchdog.progress();
            return n;
        } catch (IOException e) {
            if (watchdog.fired()) {
                return STALLED;
            }
            throw e;
        }
    }

    private boolean rejected(String outcome, URI uri, String why) {
        count(outcome);
        log.info("Replica fetch from {} failed ({}): {}", uri, outcome, why);
        return false;
    }

    private void count(String outcome) {
        Counter.builder("replica.fetch.attempts")
                .description("Blob fetches from one peer, by outcome")
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }
}
