package dev.cairn.adapters.http.storage;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.adapters.http.server.CairnHttpServer;
import dev.cairn.adapters.http.server.HttpServerConfig;
import dev.cairn.core.blob.LocalFileBlobStore;
import dev.cairn.core.blob.PendingBlob;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.port.RandomBytes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The storage endpoint over real HTTP on loopback, serving blobs of a real file-backed store. */
class StorageRoutesTest {
    private static final int SIZE = 100_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final HttpClient client =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final byte[] blob = new byte[SIZE];
    private final List<FileId> lookups = new CopyOnWriteArrayList<>();
    private LocalFileBlobStore store;
    private FileId id;
    private String etag;
    private CairnHttpServer server;

    @BeforeEach
    void start() throws IOException {
        new Random(11).nextBytes(blob);
        store = LocalFileBlobStore.open(dir);
        id = FileId.of(put(blob));
        etag = '"' + id.hex() + '"';
        server = CairnHttpServer.create(
                        HttpServerConfig.loopbackEphemeral(),
                        new SimpleMeterRegistry(),
                        RandomBytes.secure(),
                        List.of(new StorageRoutes(recorded(new BlobStoredFiles(store)), RandomBytes.secure())))
                .start();
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        server.close();
        store.close();
    }

    @Test
    void aBlobIsServedWholeWithAStrongTagAndImmutableCaching() throws Exception {
        var response = get(id, Map.of());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(blob);
        assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(SIZE);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        assertThat(response.headers().firstValue("ETag")).hasValue(etag);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
        assertThat(response.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("Content-Range")).isEmpty();
    }

    @Test
    void everySingleRangeIsTheSliceOfTheBlobItNames() throws Exception {
        var random = new Random(20_251_126);
        for (int i = 0; i < 200; i++) {
            long first = random.nextInt(SIZE + 50);
            long last = first + random.nextInt(SIZE / 4);
            long suffix = 1 + random.nextInt(SIZE + 50);
            String header;
            long from;
            long to;
            switch (random.nextInt(3)) {
                case 0 -> {
                    header = "bytes=" + first + "-" + last;
                    from = first;
                    to = Math.min(last, SIZE - 1);
                }
                case 1 -> {
                    header = "bytes=" + first + "-";
                    from = first;
                    to = SIZE - 1;
                }
                default -> {
                    header = "bytes=-" + suffix;
                    from = Math.max(0, SIZE - suffix);
                    to = SIZE - 1;
                }
            }

            var response = get(id, Map.of("Range", header));

            if (from >= SIZE) {
                assertThat(response.statusCode()).as(header).isEqualTo(416);
                continue;
            }
            assertThat(response.statusCode()).as(header).isEqualTo(206);
            assertThat(response.headers().firstValue("Content-Range"))
                    .as(header)
                    .hasValue("bytes " + from + "-" + to + "/" + SIZE);
            assertThat(response.body()).as(header).isEqualTo(Arrays.copyOfRange(blob, (int) from, (int) to + 1));
        }
    }

    @Test
    void everySetOfRangesIsServedAsAscendingPartsCoveringExactlyTheBytesAskedFor() throws Exception {
        var random = new Random(42);
        for (int i = 0; i < 60; i++) {
            var specs = new ArrayList<String>();
            var asked = new BitSet(SIZE);
            for (int n = 2 + random.nextInt(4); specs.size() < n; ) {
                if (random.nextInt(4) == 0) {
                    int suffix = 1 + random.nextInt(2_000);
                    specs.add("-" + suffix);
                    asked.set(SIZE - suffix, SIZE);
                } else {
                    int first = random.nextInt(SIZE);
                    int last = first + random.nextInt(5_000);
                    specs.add(first + "-" + last);
                    asked.set(first, Math.min(last, SIZE - 1) + 1);
                }
            }
            String header = "bytes=" + String.join(", ", specs);

            var response = get(id, Map.of("Range", header));

            assertThat(response.statusCode()).as(header).isEqualTo(206);
            List<Part> parts = parts(response);
            var served = new BitSet(SIZE);
            long previousLast = -2;
            for (Part part : parts) {
                assertThat(part.first()).as(header).isGreaterThan(previousLast + 1);
                assertThat(part.bytes())
                        .as(header)
                        .isEqualTo(Arrays.copyOfRange(blob, (int) part.first(), (int) part.last() + 1));
                served.set((int) part.first(), (int) part.last() + 1);
                previousLast = part.last();
            }
            assertThat(served).as(header).isEqualTo(asked);
        }
    }

    @Test
    void suffixAndOpenRangesReachTheEnd() throws Exception {
        var suffix = get(id, Map.of("Range", "bytes=-10"));
        var longSuffix = get(id, Map.of("Range", "bytes=-" + (SIZE * 2)));
        var open = get(id, Map.of("Range", "bytes=99990-"));
        var pastTheEnd = get(id, Map.of("Range", "bytes=99000-9999999"));

        assertThat(suffix.statusCode()).isEqualTo(206);
        assertThat(suffix.headers().firstValue("Content-Range")).hasValue("bytes 99990-99999/100000");
        assertThat(suffix.body()).isEqualTo(Arrays.copyOfRange(blob, 99_990, SIZE));
        assertThat(longSuffix.headers().firstValue("Content-Range")).hasValue("bytes 0-99999/100000");
        assertThat(longSuffix.body()).isEqualTo(blob);
        assertThat(open.body()).isEqualTo(suffix.body());
        assertThat(pastTheEnd.headers().firstValue("Content-Range")).hasValue("bytes 99000-99999/100000");
        assertThat(pastTheEnd.body()).isEqualTo(Arrays.copyOfRange(blob, 99_000, SIZE));
    }

    @Test
    void severalRangesAreMultipartWithTheirOwnTypeAndRangeAndAnExactLength() throws Exception {
        var response = get(id, Map.of("Range", "bytes=500-599,-100,0-9"));

        assertThat(response.statusCode()).isEqualTo(206);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(
                        type -> assertThat(type).matches("multipart/byteranges; boundary=cairn-[0-9a-f]{32}"));
        assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(response.body().length);
        assertThat(response.headers().firstValue("Content-Range")).isEmpty();
        assertThat(parts(response))
                .extracting(Part::first, Part::last)
                .containsExactly(tuple(0L, 9L), tuple(500L, 599L), tuple(99_900L, 99_999L));
    }

    @Test
    void rangesThatOverlapOrTouchAreMergedIntoOne() throws Exception {
        var overlapping = get(id, Map.of("Range", "bytes=0-99,50-149"));
        var touching = get(id, Map.of("Range", "bytes=100-199,0-99"));

        assertThat(overlapping.statusCode()).isEqualTo(206);
        assertThat(overlapping.headers().firstValue("Content-Range")).hasValue("bytes 0-149/100000");
        assertThat(overlapping.body()).isEqualTo(Arrays.copyOfRange(blob, 0, 150));
        assertThat(touching.headers().firstValue("Content-Range")).hasValue("bytes 0-199/100000");
    }

    @Test
    void rangesNoneOfWhichSelectsAByteAre416WithTheSize() throws Exception {
        for (String header : List.of("bytes=100000-", "bytes=200000-300000", "bytes=-0", "bytes=100000-,-0")) {
            var response = get(id, Map.of("Range", header));

            assertThat(response.statusCode()).as(header).isEqualTo(416);
            assertThat(response.headers().firstValue("Content-Range"))
                    .as(header)
                    .hasValue("bytes */100000");
            assertThat(json(response).get("code").asText()).as(header).isEqualTo("range_not_satisfiable");
        }
        var oneSatisfiable = get(id, Map.of("Range", "bytes=100000-,0-0"));
        assertThat(oneSatisfiable.statusCode()).isEqualTo(206);
        assertThat(oneSatisfiable.body()).containsExactly(blob[0]);
    }

    @Test
    void aMalformedOrUnhonouredRangeIsIgnoredAndTheWholeBlobServed() throws Exception {
        var tooMany = new StringBuilder("bytes=0-0");
        for (int i = 1; i <= StorageRoutes.MAX_RANGES; i++) {
            tooMany.append(',').append(i * 10).append('-').append(i * 10);
        }
        for (String header : List.of(
                "bytes=5-3",
                "bytes=abc",
                "bytes=1-2-3",
                "bytes=",
                "bytes=-",
                "bytes 0-5",
                "items=0-5",
                "bytes=0-5,x",
                "bytes=99999999999999999999-",
                tooMany.toString())) {
            var response = get(id, Map.of("Range", header));

            assertThat(response.statusCode()).as(header).isEqualTo(200);
            assertThat(response.body()).as(header).isEqualTo(blob);
        }
    }

    @Test
    void ifNoneMatchNamingTheBlobIs304WithItsValidators() throws Exception {
        for (String field : List.of(etag, "\"other\", W/" + etag, "*")) {
            var response = get(id, Map.of("If-None-Match", field));

            assertThat(response.statusCode()).as(field).isEqualTo(304);
            assertThat(response.body()).as(field).isEmpty();
            assertThat(response.headers().firstValue("ETag")).as(field).hasValue(etag);
            assertThat(response.headers().firstValue("Cache-Control")).as(field).isPresent();
        }
        var other = get(id, Map.of("If-None-Match", "\"" + "0".repeat(64) + "\""));
        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(other.body()).isEqualTo(blob);
    }

    @Test
    void ifMatchNamingAnotherVersionIs412() throws Exception {
        var other = get(id, Map.of("If-Match", "\"" + "0".repeat(64) + "\""));
        var weak = get(id, Map.of("If-Match", "W/" + etag));
        var same = get(id, Map.of("If-Match", "\"x\", " + etag));

        assertThat(other.statusCode()).isEqualTo(412);
        assertThat(json(other).get("code").asText()).isEqualTo("precondition_failed");
        assertThat(weak.statusCode()).isEqualTo(412);
        assertThat(same.statusCode()).isEqualTo(200);
    }

    @Test
    void ifRangeGrantsTheRangeOnlyWhenItNamesThisVersion() throws Exception {
        var matching = get(id, Map.of("Range", "bytes=0-9", "If-Range", etag));
        var otherTag = get(id, Map.of("Range", "bytes=0-9", "If-Range", "\"" + "0".repeat(64) + "\""));
        var weak = get(id, Map.of("Range", "bytes=0-9", "If-Range", "W/" + etag));
        var date = get(id, Map.of("Range", "bytes=0-9", "If-Range", "Wed, 21 Oct 2015 07:28:00 GMT"));
        var noRange = get(id, Map.of("If-Range", "\"other\""));

        assertThat(matching.statusCode()).isEqualTo(206);
        assertThat(matching.body()).isEqualTo(Arrays.copyOfRange(blob, 0, 10));
        for (var full : List.of(otherTag, weak, date, noRange)) {
            assertThat(full.statusCode()).isEqualTo(200);
            assertThat(full.body()).isEqualTo(blob);
        }
    }

    @Test
    void headAnswersTheStatusAndHeadersGetWouldSendWithoutABody() throws Exception {
        for (String range : new String[] {null, "bytes=10-19", "bytes=0-9,-10", "bytes=100000-"}) {
            Map<String, String> headers = range == null ? Map.of() : Map.of("Range", range);
            var get = get(id, headers);
            var head = send(request(StorageRoutes.pathOf(id), headers)
                    .method("HEAD", HttpRequest.BodyPublishers.noBody())
                    .build());

            assertThat(head.statusCode()).as(range).isEqualTo(get.statusCode());
            assertThat(head.body()).as(range).isEmpty();
            for (String name : List.of("Content-Length", "Content-Range", "ETag", "Accept-Ranges")) {
                assertThat(head.headers().firstValue(name))
                        .as(range + " " + name)
                        .isEqualTo(get.headers().firstValue(name));
            }
        }
    }

    @Test
    void idsThatAreNot64LowercaseHexCharactersAre400MalformedId() throws Exception {
        String hex = id.hex();
        for (String target : List.of(
                "..%2F..%2Fetc%2Fpasswd",
                "%2e%2e",
                "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
                "..%5C..%5Cetc%5Cpasswd",
                hex.toUpperCase(Locale.ROOT),
                hex.substring(1),
                hex + "0",
                "..",
                "%2F",
                "not-an-id")) {
            String answer = raw("/api/v1.5/storage/" + target);

            assertThat(answer).as(target).startsWith("HTTP/1.1 400 ");
            assertThat(answer).as(target).contains("\"code\":\"malformed_id\"");
        }
        assertThat(lookups).isEmpty();
    }

    @Test
    void aNulOrARawBackslashIsRefusedBeforeRouting() throws Exception {
        // Jetty refuses these request lines itself, with its own HTML 400 ("Bad Request", "Illegal Path Character").
        for (String target : List.of(
                "%00", id.hex() + "%00", id.hex().substring(1) + "%00", "..\\..\\etc\\passwd", id.hex() + "\\")) {
            assertThat(raw("/api/v1.5/storage/" + target)).as(target).startsWith("HTTP/1.1 400 ");
        }
        assertThat(lookups).isEmpty();
    }

    @Test
    void anUnknownIdIs404() throws Exception {
        var unknown = FileId.of(ContentId.ofBlob(new byte[] {1, 2, 3}));

        var response = get(unknown, Map.of());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).get("code").asText()).isEqualTo("file_not_found");
        assertThat(json(response).get("message").asText()).contains(unknown.hex());
        assertThat(response.headers().firstValue("Cache-Control")).isEmpty();
    }

    @Test
    void anEmptyBlobIsServedEmptyAndEveryRangeOfItIs416() throws Exception {
        var empty = FileId.of(put(new byte[0]));

        var whole = get(empty, Map.of());
        var range = get(empty, Map.of("Range", "bytes=0-"));

        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.headers().firstValueAsLong("Content-Length")).hasValue(0);
        assertThat(whole.body()).isEmpty();
        assertThat(range.statusCode()).isEqualTo(416);
        assertThat(range.headers().firstValue("Content-Range")).hasValue("bytes */0");
    }

    /** {@code files}, noting every id looked up: a malformed id must never get that far. */
    private StoredFiles recorded(StoredFiles files) {
        return fileId -> {
            lookups.add(fileId);
            return files.find(fileId);
        };
    }

    private ContentId put(byte[] bytes) throws IOException {
        var contentId = ContentId.ofBlob(bytes);
        try (PendingBlob pending = store.openWriter()) {
            pending.write(ByteBuffer.wrap(bytes));
            pending.commit(contentId);
        }
        return contentId;
    }

    private HttpRequest.Builder request(String path, Map<String, String> headers) {
        var builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        headers.forEach(builder::header);
        return builder;
    }

    private HttpResponse<byte[]> get(FileId file, Map<String, String> headers) throws Exception {
        return send(request(StorageRoutes.pathOf(file), headers).GET().build());
    }

    private HttpResponse<byte[]> send(HttpRequest request) throws Exception {
        return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The answer to a request line sent byte for byte, which no URI class gets to normalise or refuse first. */
    private String raw(String target) throws IOException {
        try (var socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.getOutputStream()
                    .write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                            .getBytes(ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), ISO_8859_1);
        }
    }

    private static JsonNode json(HttpResponse<byte[]> response) throws IOException {
        return JSON.readTree(response.body());
    }

    /** One part of a multipart/byteranges body, as its own headers describe it. */
    private record Part(long first, long last, byte[] bytes) {}

    /**
     * The parts of a 206: the one range of a single-range answer, or each part of a multipart/byteranges body, split
     * strictly: a part's length is taken from its Content-Range, so a boundary-like run of bytes in the data cannot fool
     * the test, and the framing around the parts must be exact.
     */
    private static List<Part> parts(HttpResponse<byte[]> response) {
        String type = response.headers().firstValue("Content-Type").orElseThrow();
        if (!type.startsWith("multipart/")) {
            String range = response.headers().firstValue("Content-Range").orElseThrow();
            String[] bounds =
                    range.substring("bytes ".length(), range.indexOf('/')).split("-");
            return List.of(new Part(Long.parseLong(bounds[0]), Long.parseLong(bounds[1]), response.body()));
        }
        assertThat(type).startsWith("multipart/byteranges; boundary=");
        String delimiter = "--" + type.substring(type.indexOf('=') + 1);
        String body = new String(response.body(), ISO_8859_1);
        var parts = new ArrayList<Part>();
        int at = 0;
        while (true) {
            String expected = (parts.isEmpty() ? "" : "\r\n") + delimiter;
            assertThat(body.startsWith(expected, at)).as("delimiter at " + at).isTrue();
            at += expected.length();
            if (body.startsWith("--\r\n", at)) {
                assertThat(at + 4).as("nothing after the close delimiter").isEqualTo(body.length());
                return parts;
            }
            int headersEnd = body.indexOf("\r\n\r\n", at);
            String[] headers = body.substring(at + 2, headersEnd).split("\r\n");
            assertThat(headers[0]).isEqualTo("Content-Type: application/octet-stream");
            assertThat(headers[1]).matches("Content-Range: bytes \\d+-\\d+/" + SIZE);
            String[] bounds = headers[1]
                    .substring("Content-Range: bytes ".length(), headers[1].indexOf('/'))
                    .split("-");
            long first = Long.parseLong(bounds[0]);
            long last = Long.parseLong(bounds[1]);
            at = headersEnd + 4;
            byte[] bytes = Arrays.copyOfRange(response.body(), at, at + (int) (last - first + 1));
            parts.add(new Part(first, last, bytes));
            at += bytes.length;
        }
    }
}
