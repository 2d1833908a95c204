package dev.cairn.adapters.http.blob;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.adapters.http.overlay.LoopbackServer;
import dev.cairn.adapters.http.overlay.PeerHttpClients;
import dev.cairn.core.blob.BlobStore;
import dev.cairn.core.blob.InMemoryBlobStore;
import dev.cairn.core.blob.LocalFileBlobStore;
import dev.cairn.core.blob.PendingBlob;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.replication.InMemoryPinSet;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Blob transfer between real blob stores over real HTTP on loopback. */
class HttpReplicaFetcherTest {
    private static final long MAX = 16L << 20;

    private final List<AutoCloseable> resources = new ArrayList<>();
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final InMemoryPinSet pins = new InMemoryPinSet();

    @TempDir
    Path dir;

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable r : resources.reversed()) {
            r.close();
        }
    }

    @Test
    void aFiveMebibyteBlobMovesBetweenTwoNodesAndVerifies() throws Exception {
        byte[] blob = random(5 << 20, 1);
        ContentId id = ContentId.ofBlob(blob);
        LocalFileBlobStore source = open("source");
        put(source, id, blob);
        LocalFileBlobStore target = open("target");

        boolean pinned = fetcher(target, List.of(serve(source)), Set.of()).fetchAndPin(id);

        assertThat(pinned).isTrue();
        assertThat(pins.contains(id)).isTrue();
        assertThat(target.size(id)).isEqualTo(blob.length);
        try (InputStream in = Channels.newInputStream(target.open(id, 0))) {
            assertThat(ContentId.ofBlob(in)).isEqualTo(id);
        }
        assertThat(attempts("pinned")).isEqualTo(1);
    }

    @Test
    void aPeerServingOtherBytesIsRejectedAndTheNextPeerUsed() throws Exception {
        byte[] blob = random(300_000, 2);
        ContentId id = ContentId.ofBlob(blob);
        var liar = new InMemoryBlobStore();
        put(liar, id, random(300_000, 3));
        var honest = new InMemoryBlobStore();
        put(honest, id, blob);
        LocalFileBlobStore target = open("target");

        boolean pinned =
                fetcher(target, List.of(serve(liar), serve(honest)), Set.of()).fetchAndPin(id);

        assertThat(pinned).isTrue();
        assertThat(attempts("hash_mismatch")).isEqualTo(1);
        try (InputStream in = Channels.newInputStream(target.open(id, 0))) {
            assertThat(in.readAllBytes()).isEqualTo(blob);
        }
        try (var listed = target.list()) {
            assertThat(listed.toList()).containsExactly(id);
        }
    }

    @Test
    void aPeerThatIsDownOrLacksTheBlobIsSkipped() throws Exception {
        byte[] blob = random(10_000, 4);
        ContentId id = ContentId.ofBlob(blob);
        var holder = new InMemoryBlobStore();
        put(holder, id, blob);
        var target = new InMemoryBlobStore();

        boolean pinned = fetcher(target, List.of(downPeer(), serve(new InMemoryBlobStore()), serve(holder)), Set.of())
                .fetchAndPin(id);

        assertThat(pinned).isTrue();
        assertThat(target.exists(id)).isTrue();
        assertThat(attempts("unavailable")).isEqualTo(2);
    }

    @Test
    void noPeerWithTheRightBytesMeansFalseAndNothingStored() throws Exception {
        byte[] blob = random(10_000, 5);
        ContentId id = ContentId.ofBlob(blob);
        var liar = new InMemoryBlobStore();
        put(liar, id, random(10_000, 6));
        var target = new InMemoryBlobStore();

        boolean pinned =
                fetcher(target, List.of(downPeer(), serve(liar)), Set.of()).fetchAndPin(id);

        assertThat(pinned).isFalse();
        assertThat(target.exists(id)).isFalse();
        assertThat(pins.contains(id)).isFalse();
    }

    @Test
    void aBlobOverTheSizeLimitIsNotFetched() throws Exception {
        byte[] blob = random(4096, 7);
        ContentId id = ContentId.ofBlob(blob);
        var holder = new InMemoryBlobStore();
        put(holder, id, blob);
        var target = new InMemoryBlobStore();
        var small = new HttpReplicaFetcher(
                target,
                pins,
                c -> List.of(serve(holder)),
                c -> false,
                client(),
                new HttpReplicaFetcher.Settings(4095, Duration.ofSeconds(30), Duration.ofSeconds(30)),
                metrics);

        assertThat(small.fetchAndPin(id)).isFalse();
        assertThat(attempts("too_large")).isEqualTo(1);
        assertThat(target.exists(id)).isFalse();
    }

    @Test
    void aPeerThatStopsSendingMidwayIsAbandonedForTheNext() throws Exception {
        byte[] blob = random(100_000, 10);
        ContentId id = ContentId.ofBlob(blob);
        var holder = new InMemoryBlobStore();
        put(holder, id, blob);
        var hung = new java.util.concurrent.CountDownLatch(1);
        var staller = LoopbackServer.start(routes -> routes.get(BlobRoutes.PATH, ctx -> {
            ctx.res().setContentLengthLong(blob.length);
            ctx.res().getOutputStream().write(blob, 0, 1000);
            ctx.res().flushBuffer();
            hung.await();
        }));
        resources.add(staller);
        resources.add(hung::countDown);
        var target = new InMemoryBlobStore();
        var impatient = new HttpReplicaFetcher(
                target,
                pins,
                c -> List.of(staller.uri(), serve(holder)),
                c -> false,
                client(),
                new HttpReplicaFetcher.Settings(MAX, Duration.ofSeconds(30), Duration.ofMillis(200)),
                metrics);

        assertThat(impatient.fetchAndPin(id)).isTrue();
        assertThat(attempts("stalled")).isEqualTo(1);
        assertThat(target.exists(id)).isTrue();
    }

    @Test
    void unpinDeletesAFetchedReplicaButKeepsAnOwnedBlob() throws Exception {
        byte[] fetched = random(1000, 8);
        byte[] owned = random(1000, 9);
        var target = new InMemoryBlobStore();
        put(target, ContentId.ofBlob(fetched), fetched);
        put(target, ContentId.ofBlob(owned), owned);
        var fetcher = fetcher(target, List.of(), Set.of(ContentId.ofBlob(owned)));
        assertThat(fetcher.fetchAndPin(ContentId.ofBlob(fetched)))
                .as("already stored: pinned without a peer")
                .isTrue();
        assertThat(fetcher.fetchAndPin(ContentId.ofBlob(owned))).isTrue();

        fetcher.unpin(ContentId.ofBlob(fetched));
        fetcher.unpin(ContentId.ofBlob(owned));

        assertThat(pins.snapshot()).isEmpty();
        assertThat(target.exists(ContentId.ofBlob(fetched))).isFalse();
        assertThat(target.exists(ContentId.ofBlob(owned))).isTrue();
    }

    private HttpReplicaFetcher fetcher(BlobStore target, List<URI> peers, Set<ContentId> owned) {
        return new HttpReplicaFetcher(
                target,
                pins,
                c -> peers,
                owned::contains,
                client(),
                new HttpReplicaFetcher.Settings(MAX, Duration.ofSeconds(30), Duration.ofSeconds(30)),
                metrics);
    }

    private static java.net.http.HttpClient client() {
        return PeerHttpClients.create(Duration.ofSeconds(5), true);
    }

    private URI serve(BlobStore store) {
        var server = LoopbackServer.start(new BlobRoutes(store)::register);
        resources.add(server);
        return server.uri();
    }

    /** The address of a port nothing listens on any more. */
    private static URI downPeer() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
    }

    private LocalFileBlobStore open(String name) throws IOException {
        var store = LocalFileBlobStore.open(dir.resolve(name));
        resources.add(store);
        return store;
    }

    private static void put(BlobStore store, ContentId id, byte[] bytes) throws IOException {
        try (PendingBlob pending = store.openWriter()) {
            pending.write(ByteBuffer.wrap(bytes));
            pending.commit(id);
        }
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private double attempts(String outcome) {
        return metrics.counter("replica.fetch.attempts", "outcome", outcome).count();
    }
}
