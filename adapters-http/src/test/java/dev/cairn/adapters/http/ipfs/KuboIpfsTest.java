package dev.cairn.adapters.http.ipfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.id.ContentId;
import dev.cairn.core.ipfs.Cid;
import dev.cairn.core.ipfs.Ipfs;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class KuboIpfsTest {
    private static final Duration SHORT = Duration.ofMillis(500);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<KuboIpfs> clients = new ArrayList<>();
    private FakeKubo kubo;

    @BeforeEach
    void start() throws IOException {
        kubo = FakeKubo.start();
    }

    @AfterEach
    void stop() {
        clients.forEach(KuboIpfs::close);
        kubo.close();
        registry.close();
    }

    private KuboIpfs client(Duration timeout) {
        return client(kubo.apiUrl(), timeout);
    }

    private KuboIpfs client(URI apiUrl, Duration timeout) {
        var client = new KuboIpfs(apiUrl, new KuboIpfs.Settings(Duration.ofSeconds(2), timeout), registry);
        clients.add(client);
        return client;
    }

    private KuboIpfs client() {
        return client(Duration.ofSeconds(20));
    }

    @Test
    void aFiveMebibyteBlobArrivesIntactAndItsCidComesBack() throws IOException {
        byte[] blob = random(5 << 20, 1);
        ContentId content = ContentId.ofBlob(blob);

        Cid cid = client().addAndPin(content, new ByteArrayInputStream(blob));

        assertThat(cid).isEqualTo(FakeCid.of(blob));
        assertThat(kubo.blob(cid)).isEqualTo(blob);
        assertThat(kubo.pins()).containsExactly(cid.value());
    }

    @Test
    void theUploadIsOneFilePartNamedAfterTheContentId() throws IOException {
        byte[] blob = random(1000, 2);
        ContentId content = ContentId.ofBlob(blob);

        Cid cid = client().addAndPin(content, new ByteArrayInputStream(blob));

        // Kubo echoes the name in its answer's line for the file, which is how the client finds that line.
        assertThat(kubo.filename(cid)).isEqualTo(content.hex());
    }

    @Test
    void anEmptyBlobIsAddedToo() throws IOException {
        Cid cid = client().addAndPin(ContentId.ofBlob(new byte[0]), InputStream.nullInputStream());

        assertThat(kubo.blob(cid)).isEmpty();
    }

    @Test
    void everyAddCarriesTheFixedImportParametersSoEveryReplicaComputesTheSameCid() throws IOException {
        byte[] blob = random(10, 3);
        client().addAndPin(ContentId.ofBlob(blob), new ByteArrayInputStream(blob));

        URI request = kubo.requests().getFirst();
        assertThat(request.getPath()).isEqualTo("/api/v0/add");
        assertThat(FakeKubo.query(request))
                .containsAllEntriesOf(Map.of(
                        "cid-version", "1",
                        "raw-leaves", "true",
                        "chunker", "size-262144",
                        "hash", "sha2-256",
                        "trickle", "false",
                        "max-file-links", "174",
                        "inline", "false",
                        "pin", "true",
                        "quieter", "true"));
    }

    @Test
    void theBlobIsStreamedAndTheAddGivesUpWhenKuboStopsReadingIt() {
        long size = 256L << 20;
        kubo.stallUploadsAfter(1 << 20);
        var source = new GeneratedBlob(size);

        assertThatThrownBy(() -> client(SHORT).addAndPin(ContentId.ofBlob(new byte[0]), source))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("took no upload byte")
                .hasMessageContaining("/api/v0/add");

        assertThat(kubo.uploadBytesRead()).isEqualTo(1 << 20);
        // What the client read beyond what Kubo took sits in socket buffers and one read-ahead, never the blob.
        assertThat(source.bytesRead()).isLessThan(64L << 20);
        assertThat(outcomes()).contains("ipfs_requests_total{endpoint=\"add\",outcome=\"timeout\"} 1.0");
    }

    @Test
    void anUploadLongerThanTheTimeoutSucceedsWhileBytesKeepMoving() throws IOException {
        byte[] blob = random(1536 << 10, 11);
        long start = System.nanoTime();

        // At most 16 KiB every 25 ms: 2.4 s or more in all, never 500 ms without a byte.
        Cid cid = client(SHORT).addAndPin(ContentId.ofBlob(blob), new ThrottledStream(blob, 16 << 10, 25));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(SHORT.multipliedBy(3));
        assertThat(kubo.blob(cid)).isEqualTo(blob);
    }

    @Test
    void aPinLongerThanTheTimeoutSucceedsWhileBlocksKeepArriving() throws IOException {
        kubo.pinSlowly(75);
        Cid cid = FakeCid.of(random(10, 12));
        long start = System.nanoTime();

        client(SHORT).pin(cid);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(SHORT.multipliedBy(2));
        assertThat(kubo.pins()).containsExactly(cid.value());
    }

    @Test
    void anAnswerThatIsNotACidV1IsRefused() {
        kubo.answerAddsWithHash("QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG");
        byte[] blob = random(10, 4);

        assertThatThrownBy(() -> client().addAndPin(ContentId.ofBlob(blob), new ByteArrayInputStream(blob)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not a CIDv1")
                .hasMessageContaining("QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG");
        assertThat(outcomes()).contains("ipfs_requests_total{endpoint=\"add\",outcome=\"bad_answer\"} 1.0");
    }

    @Test
    void aFailingBlobStreamIsReportedAsSuch() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("disk gone");
            }
        };

        assertThatThrownBy(() -> client().addAndPin(ContentId.ofBlob(new byte[0]), broken))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("could not read the blob")
                .hasMessageContaining("disk gone");
        assertThat(outcomes()).contains("ipfs_requests_total{endpoint=\"add\",outcome=\"read_error\"} 1.0");
    }

    @Test
    void pinAsksKuboToPinTheCidAndWaitsForItsResult() throws IOException {
        Cid cid = FakeCid.of(random(10, 5));

        client().pin(cid);

        assertThat(kubo.pins()).containsExactly(cid.value());
        URI request = kubo.requests().getFirst();
        assertThat(request.getPath()).isEqualTo("/api/v0/pin/add");
        assertThat(FakeKubo.query(request)).containsEntry("arg", cid.value()).containsEntry("progress", "true");
    }

    @Test
    void pinGivesUpWhenKuboFetchesNoBlockForTheTimeoutThoughItKeepsReporting() {
        kubo.pinsNeverProgress();
        Cid cid = FakeCid.of(random(10, 6));
        long start = System.nanoTime();

        assertThatThrownBy(() -> client(SHORT).pin(cid))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("fetched no block")
                .hasMessageContaining("/api/v0/pin/add");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(kubo.pins()).isEmpty();
    }

    @Test
    void aPinStreamEndingWithoutResultIsAnError() {
        kubo.pinStreamsEndWithoutResult();

        assertThatThrownBy(() -> client().pin(FakeCid.of(random(10, 7))))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("without a result")
                .hasMessageContaining("X-Stream-Error");
        assertThat(outcomes()).contains("ipfs_requests_total{endpoint=\"pin/add\",outcome=\"kubo_error\"} 1.0");
    }

    @Test
    void identityIsTheDaemonsPeerIdAndAddresses() throws IOException {
        Ipfs.Identity identity = client().identity();

        assertThat(identity.peerId()).isEqualTo(FakeKubo.PEER_ID);
        assertThat(identity.addresses()).isEqualTo(FakeKubo.ADDRESSES);
        assertThat(kubo.requests().getFirst().getPath()).isEqualTo("/api/v0/id");
        assertThat(outcomes()).contains("ipfs_requests_total{endpoint=\"id\",outcome=\"ok\"} 1.0");
    }

    @Test
    void anAnswerLongerThanTheBoundIsRefused() {
        kubo.padIdAnswers(KuboIpfs.MAX_LINE_BYTES);

        assertThatThrownBy(() -> client().identity())
                .isInstanceOf(IOException.class)
                .hasMessageContaining("longer than " + KuboIpfs.MAX_LINE_BYTES + " bytes");
        assertThat(outcomes()).contains("ipfs_requests_total{endpoint=\"id\",outcome=\"bad_answer\"} 1.0");
    }

    @Test
    void aKuboErrorBecomesAnIOExceptionNamingTheEndpointTheStatusAndKubosMessage() {
        kubo.failWith("blockstore: no space left on device");
        var ipfs = client();
        byte[] blob = random(100_000, 8);

        assertThatThrownBy(() -> ipfs.addAndPin(ContentId.ofBlob(blob), new ByteArrayInputStream(blob)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("/api/v0/add")
                .hasMessageContaining("HTTP 500")
                .hasMessageContaining("'blockstore: no space left on device' (code 0)");
        assertThatThrownBy(() -> ipfs.pin(FakeCid.of(blob)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("/api/v0/pin/add")
                .hasMessageContaining("HTTP 500")
                .hasMessageContaining("no space left");
        assertThatThrownBy(ipfs::identity)
                .isInstanceOf(IOException.class)
                .hasMessageContaining("/api/v0/id")
                .hasMessageContaining("HTTP 500");
        assertThat(outcomes())
                .contains(
                        "ipfs_requests_total{endpoint=\"add\",outcome=\"kubo_error\"} 1.0",
                        "ipfs_requests_total{endpoint=\"pin/add\",outcome=\"kubo_error\"} 1.0",
                        "ipfs_requests_total{endpoint=\"id\",outcome=\"kubo_error\"} 1.0");
    }

    @Test
    void anAnswerThatIsNotKubosErrorObjectIsQuotedAsText() {
        // A reverse proxy or a different program on the port: the body is text, not Kubo's JSON.
        var ipfs = client(URI.create(kubo.apiUrl() + "/not-kubo"), SHORT);

        assertThatThrownBy(ipfs::identity)
                .isInstanceOf(IOException.class)
                .hasMessageContaining("HTTP 404")
                .hasMessageContaining("'404 page not found'");
    }

    @Test
    void aHangingKuboTimesOut() {
        kubo.hang();
        var ipfs = client(SHORT);
        byte[] blob = random(1000, 9);

        assertThatThrownBy(ipfs::identity)
                .isInstanceOf(IOException.class)
                .hasMessageContaining("did not answer for 500 ms")
                .hasMessageContaining("/api/v0/id");
        assertThatThrownBy(() -> ipfs.pin(FakeCid.of(blob)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("did not answer for 500 ms");
        // The whole small body fits in socket buffers: the silence is the missing answer after the upload.
        assertThatThrownBy(() -> ipfs.addAndPin(ContentId.ofBlob(blob), new ByteArrayInputStream(blob)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("did not answer for 500 ms")
                .hasMessageContaining("/api/v0/add");
        assertThat(outcomes())
                .contains(
                        "ipfs_requests_total{endpoint=\"id\",outcome=\"timeout\"} 1.0",
                        "ipfs_requests_total{endpoint=\"pin/add\",outcome=\"timeout\"} 1.0",
                        "ipfs_requests_total{endpoint=\"add\",outcome=\"timeout\"} 1.0");
    }

    @Test
    void aDaemonThatIsDownIsReportedAsRefusingTheConnection() throws IOException {
        URI closed;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        var ipfs = client(closed, SHORT);
        byte[] blob = random(1000, 10);

        assertThatThrownBy(() -> ipfs.addAndPin(ContentId.ofBlob(blob), new ByteArrayInputStream(blob)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("refused the connection")
                .hasMessageContaining("/api/v0/add");
        assertThatThrownBy(ipfs::identity).isInstanceOf(IOException.class).hasMessageContaining("refused");
        assertThat(outcomes())
                .contains(
                        "ipfs_requests_total{endpoint=\"add\",outcome=\"unreachable\"} 1.0",
                        "ipfs_requests_total{endpoint=\"id\",outcome=\"unreachable\"} 1.0");
    }

    @Test
    void theApiUrlMustBeAnHttpUrl() {
        assertThatThrownBy(() -> new KuboIpfs(URI.create("kubo:5001"), KuboIpfs.Settings.DEFAULTS, registry))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("IPFS_API_URL")
                .hasMessageContaining("kubo:5001");
        assertThatThrownBy(() -> new KuboIpfs.Settings(Duration.ofSeconds(5), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("IPFS_TIMEOUT_SEC");
    }

    private String outcomes() {
        return registry.scrape();
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new SplittableRandom(seed).nextBytes(bytes);
        return bytes;
    }

    /** A blob handed out {@code step} bytes at a time, each after {@code millis}: a slow disk. */
    private static final class ThrottledStream extends InputStream {
        private final ByteArrayInputStream bytes;
        private final int step;
        private final long millis;

        ThrottledStream(byte[] blob, int step, long millis) {
            this.bytes = new ByteArrayInputStream(blob);
            this.step = step;
            this.millis = millis;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException();
            }
            return bytes.read(b, off, Math.min(len, step));
        }
    }

    /** A blob of {@code size} pseudo-random bytes made as it is read, counting what was read. */
    private static final class GeneratedBlob extends InputStream {
        private final SplittableRandom random = new SplittableRandom(42);
        private final long size;
        private volatile long read;

        GeneratedBlob(long size) {
            this.size = size;
        }

        long bytesRead() {
            return read;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (read >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - read);
            for (int i = 0; i < n; i++) {
                b[off + i] = (byte) random.nextInt(256);
            }
            read += n;
            return n;
        }
    }
}
