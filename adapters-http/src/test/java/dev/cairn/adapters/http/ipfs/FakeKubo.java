package dev.cairn.adapters.http.ipfs;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cairn.core.ipfs.Cid;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Kubo daemon's RPC API on a loopback port, for the endpoints the node calls: {@code /api/v0/add} (parses the
 * multipart upload, answers in Kubo's streamed JSON lines with a {@link FakeCid}, pins), {@code /api/v0/pin/add}
 * (with Kubo's progress lines when asked), {@code /api/v0/id}. Anything else is Go's {@code 404 page not found}; a
 * method other than POST is 405, as in Kubo.
 *
 * <p>It can be told to fail every call (500 with Kubo's error object), to hang (hold every request unanswered, the
 * upload unread), to stop reading an upload after some bytes, or to pin without ever fetching a block. Down is
 * {@link #close()}.
 *
 * <p>Public, and shipped in adapters-http's test jar, for the app's tests of a whole node with IPFS.
 */
public final class FakeKubo implements AutoCloseable {
    public static final String PEER_ID = "12D3KooWFakeKuboPeerIdForCairnTests1234567890abcdef";
    public static final List<String> ADDRESSES =
            List.of("/ip4/127.0.0.1/tcp/4001/p2p/" + PEER_ID, "/ip4/127.0.0.1/udp/4001/quic-v1/p2p/" + PEER_ID);

    private final HttpServer server;
    private final Map<Cid, byte[]> blobs = new ConcurrentHashMap<>();
    private final Map<Cid, String> filenames = new ConcurrentHashMap<>();
    private final Set<String> pins = ConcurrentHashMap.newKeySet();
    private final List<URI> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private final AtomicLong uploadBytesRead = new AtomicLong();
    private volatile String failure;
    private volatile boolean hanging;
    private volatile long stallUploadAfter = -1;
    private volatile boolean pinsNeverProgress;
    private volatile boolean pinStreamsEndWithoutResult;
    private volatile String addHashOverride;
    private volatile int idPadding;
    private volatile long stepMillis;

    private FakeKubo(HttpServer server) {
        this.server = server;
    }

    public static FakeKubo start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        var fake = new FakeKubo(server);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", fake::handle);
        server.start();
        return fake;
    }

    public URI apiUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Every call from now on answers 500 with Kubo's error object carrying {@code message}. */
    public void failWith(String message) {
        this.failure = message;
    }

    /** Every request from now on is held unanswered, its body unread, until {@link #close()}. */
    public void hang() {
        this.hanging = true;
    }

    /** Adds read this many bytes of the upload, then stop reading and wait until {@link #close()}. */
    public void stallUploadsAfter(long bytes) {
        this.stallUploadAfter = bytes;
    }

    /** Pins report the same block count every 50 ms forever, as Kubo does while it finds no provider. */
    public void pinsNeverProgress() {
        this.pinsNeverProgress = true;
    }

    /** Pin answers end after progress without the result: how Kubo ends a stream whose error went to a trailer. */
    public void pinStreamsEndWithoutResult() {
        this.pinStreamsEndWithoutResult = true;
    }

    /** Slow but steady pins: one more block every {@code millis}, 20 blocks in all. */
    public void pinSlowly(long millis) {
        this.stepMillis = millis;
    }

    /** Adds answer this {@code Hash} instead of the fake CID. */
    public void answerAddsWithHash(String hash) {
        this.addHashOverride = hash;
    }

    /** Id answers carry a field this many characters long. */
    public void padIdAnswers(int characters) {
        this.idPadding = characters;
    }

    /** The bytes added under {@code cid}, or null. */
    public byte[] blob(Cid cid) {
        return blobs.get(cid);
    }

    /** The file name of the part added under {@code cid}, or null. */
    public String filename(Cid cid) {
        return filenames.get(cid);
    }

    public Set<String> pins() {
        return Set.copyOf(pins);
    }

    public List<URI> requests() {
        return List.copyOf(requests);
    }

    /** Bytes of stalled uploads read before the stall. */
    public long uploadBytesRead() {
        return uploadBytesRead.get();
    }

    static Map<String, String> query(URI request) {
        Map<String, String> query = new LinkedHashMap<>();
        String raw = request.getRawQuery();
        if (raw == null) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.put(key, value);
        }
        return query;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.add(exchange.getRequestURI());
            if (hanging) {
                awaitRelease();
                return;
            }
            String path = exchange.getRequestURI().getPath();
            if (!List.of("/api/v0/add", "/api/v0/pin/add", "/api/v0/id").contains(path)) {
                text(exchange, 404, "404 page not found\n");
                return;
            }
            if (!exchange.getRequestMethod().equals("POST")) {
                text(exchange, 405, "405 - Method Not Allowed\n");
                return;
            }
            if (failure != null) {
                exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
                error(exchange, 500, failure, 0);
                return;
            }
            Map<String, String> query = query(exchange.getRequestURI());
            switch (path) {
                case "/api/v0/add" -> add(exchange, query);
                case "/api/v0/pin/add" -> pin(exchange, query);
                default -> id(exchange);
            }
        }
    }

    private void add(HttpExchange exchange, Map<String, String> query) throws IOException {
        InputStream body = exchange.getRequestBody();
        if (stallUploadAfter >= 0) {
            byte[] chunk = new byte[8192];
            while (uploadBytesRead.get() < stallUploadAfter) {
                int n = body.read(chunk, 0, (int) Math.min(chunk.length, stallUploadAfter - uploadBytesRead.get()));
                if (n < 0) {
                    break;
                }
                uploadBytesRead.addAndGet(n);
            }
            awaitRelease();
            return;
        }
        List<MultipartForm.Part> parts;
        try {
            String boundary =
                    MultipartForm.boundary(exchange.getRequestHeaders().getFirst("Content-Type"));
            parts = MultipartForm.parse(body.readAllBytes(), boundary);
        } catch (IllegalArgumentException e) {
            error(exchange, 400, "file argument 'path' is required: " + e.getMessage(), 1);
            return;
        }
        if (parts.size() != 1
                || !"file".equals(parts.getFirst().formName())
                || parts.getFirst().filename() == null) {
            error(exchange, 400, "expected one file part named 'file', got " + parts.size() + " parts", 1);
            return;
        }
        MultipartForm.Part file = parts.getFirst();
        Cid cid = FakeCid.of(file.data());
        blobs.put(cid, file.data());
        filenames.put(cid, file.filename());
        if (!"false".equals(query.get("pin"))) {
            pins.add(cid.value());
        }
        String name = file.filename();
        String hash = addHashOverride != null ? addHashOverride : cid.value();
        streamed(exchange);
        try (OutputStream out = exchange.getResponseBody()) {
            // A progress-style line first (Kubo sends those with progress=true): the client must pick the file's.
            line(out, "{\"Name\":\"" + name + "\",\"Bytes\":" + file.data().length + "}");
            line(out, "{\"Name\":\"" + name + "\",\"Hash\":\"" + hash + "\",\"Size\":\"" + file.data().length + "\"}");
        }
    }

    private void pin(HttpExchange exchange, Map<String, String> query) throws IOException {
        String arg = query.get("arg");
        if (arg == null || arg.isEmpty()) {
            error(exchange, 400, "argument \"ipfs-path\" is required", 1);
            return;
        }
        try {
            new Cid(arg);
        } catch (IllegalArgumentException e) {
            error(exchange, 500, "invalid path \"" + arg + "\": invalid cid", 0);
            return;
        }
        boolean progress = "true".equals(query.get("progress"));
        streamed(exchange);
        try (OutputStream out = exchange.getResponseBody()) {
            if (progress && pinsNeverProgress) {
                line(out, "{\"Progress\":3}");
                while (released.getCount() > 0) {
                    sleep(50);
                    line(out, "{\"Progress\":3}"); // fails once the client hangs up, ending the handler
                }
                return;
            }
            if (progress && stepMillis > 0) {
                for (int block = 1; block <= 20; block++) {
                    sleep(stepMillis);
                    line(out, "{\"Progress\":" + block + "}");
                }
            } else if (progress) {
                line(out, "{}"); // Progress 0 is omitted by Kubo's encoder
                line(out, "{\"Progress\":1}");
                line(out, "{\"Progress\":2}");
            }
            if (pinStreamsEndWithoutResult) {
                return;
            }
            pins.add(arg);
            line(out, "{\"Pins\":[\"" + arg + "\"]}");
        }
    }

    private void id(HttpExchange exchange) throws IOException {
        String addresses = String.join("\",\"", ADDRESSES);
        String body = "{\"ID\":\"" + PEER_ID + "\",\"PublicKey\":\"CAESIFakeKeyBytes\",\"Addresses\":[\"" + addresses
                + "\"],\"AgentVersion\":\"kubo/0.36.0/fake\",\"Protocols\":[\"/ipfs/bitswap/1.2.0\"]"
                + (idPadding > 0 ? ",\"Padding\":\"" + "x".repeat(idPadding) + "\"" : "") + "}\n";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** Kubo's headers for a streamed command answer; chunked, as its length is unknown. */
    private static void streamed(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("X-Chunked-Output", "1");
        exchange.getResponseHeaders().set("Trailer", "X-Stream-Error");
        exchange.sendResponseHeaders(200, 0);
    }

    private static void line(OutputStream out, String json) throws IOException {
        out.write((json + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Kubo's error answer: {@code {"Message","Code","Type":"error"}}; code 1 (client error) goes with 400. */
    private static void error(HttpExchange exchange, int status, String message, int code) throws IOException {
        String body = "{\"Message\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\",\"Code\":" + code
                + ",\"Type\":\"error\"}\n";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void text(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private void awaitRelease() {
        try {
            released.await(5, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Releases held requests and stops listening: the daemon is down. */
    @Override
    public void close() {
        released.countDown();
        server.stop(0);
    }
}
