package dev.cairn.adapters.telegram.ton;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A toncenter v2 API over loopback for one wallet, shaped like the real one: {@code GET /api/v2/getTransactions} with
 * {@code address}, {@code limit} (at most 100), {@code lt} + {@code hash} (the page starts at that transaction,
 * which it repeats), {@code to_lt} (only transactions above it) and {@code archival}; answers newest first as
 * {@code {"ok":true,"result":[raw.transaction..]}}, errors as {@code {"ok":false,"code":..,"error":".."}} with the
 * code as HTTP status. Tests add transactions, inject failures, delays and repeated items, and read the requests.
 */
public final class FakeToncenter implements AutoCloseable {
    /** A message body: a text comment, a binary payload, an encrypted comment, or none at all. */
    public sealed interface Body {
        record Text(String comment) implements Body {}

        record Raw(byte[] bytes) implements Body {}

        record Encrypted() implements Body {}

        record Empty() implements Body {}
    }

    /** A transaction of the wallet, as the fake serves it. */
    public record Tx(long lt, String hash, long utime, JsonObject json) {}

    /** A request the fake answered. */
    public record Request(String path, Map<String, String> query, Optional<String> apiKey) {}

    private static final long FIRST_LT = 47_000_000_000_001L;
    private static final long LT_STEP = 1_000_003L;

    private final String wallet;
    private final Optional<String> apiKey;
    private final HttpServer server;
    private final List<Tx> oldestFirst = new ArrayList<>();
    private final Deque<String[]> failures = new ArrayDeque<>();
    private final Set<String> repeatedInPage = new HashSet<>();
    private final List<Request> requests = new ArrayList<>();
    private Duration delay = Duration.ZERO;
    private int servedBeforeFailing = -1;
    private String[] failingAnswer;
    private long utime = 1_764_150_000L;

    private FakeToncenter(String wallet, Optional<String> apiKey) throws IOException {
        this.wallet = wallet;
        this.apiKey = apiKey;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v2/", this::handle);
        server.start();
    }

    /** Starts a fake for {@code wallet}; with an {@code apiKey}, requests without it are refused with 401. */
    public static FakeToncenter start(String wallet, Optional<String> apiKey) {
        try {
            return new FakeToncenter(wallet, apiKey);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static FakeToncenter start(String wallet) {
        return start(wallet, Optional.empty());
    }

    /** {@code http://127.0.0.1:port/api/v2}. */
    public URI baseUrl() {
        return URI.create("http://" + server.getAddress().getHostString() + ":"
                + server.getAddress().getPort() + "/api/v2");
    }

    /** {@code nanotons} arrive from {@code source} with text {@code comment}. */
    public Tx receive(String source, long nanotons, String comment) {
        return receive(source, nanotons, new Body.Text(comment));
    }

    /** {@code nanotons} arrive from {@code source} with {@code body}. */
    public synchronized Tx receive(String source, long nanotons, Body body) {
        return add(internal(source, wallet, nanotons, body), new JsonArray());
    }

    /** The wallet sends {@code nanotons} away: an external message in, an internal one out. */
    public synchronized Tx send(String destination, long nanotons) {
        JsonObject in = message("", wallet, 0, new Body.Empty());
        JsonArray out = new JsonArray();
        out.add(internal(wallet, destination, nanotons, new Body.Empty()));
        return add(in, out);
    }

    /** The next {@code n} requests are answered with HTTP {@code status} and {@code {"ok":false,...}}. */
    public synchronized void failNext(int n, int status, String error) {
        for (int i = 0; i < n; i++) {
            failures.add(new String[] {Integer.toString(status), error, "json"});
        }
    }

    /** The next request is answered with HTTP 200 and {@code {"ok":false,"code":..,"error":..}}. */
    public synchronized void answerOkFalseNext(int code, String error) {
        failures.add(new String[] {Integer.toString(code), error, "ok-false"});
    }

    /** The next request is answered with HTTP {@code status} and a body that is not JSON (as a proxy might). */
    public synchronized void failNextWithPage(int status, String html) {
        failures.add(new String[] {Integer.toString(status), html, "raw"});
    }

    /** After the next {@code served} requests, every request fails with HTTP {@code status}; -1 stops failing. */
    public synchronized void failAfter(int served, int status, String error) {
        servedBeforeFailing = served;
        failingAnswer = new String[] {Integer.toString(status), error, "json"};
    }

    /** Every page that holds {@code tx} holds it twice (an API that repeats an item). */
    public synchronized void repeatInPage(Tx tx) {
        repeatedInPage.add(tx.hash());
    }

    /** Answers start after this delay. */
    public synchronized void delayAnswers(Duration delay) {
        this.delay = delay;
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    public synchronized List<Tx> transactions() {
        return List.copyOf(oldestFirst);
    }

    private Tx add(JsonObject in, JsonArray out) {
        long lt = FIRST_LT + oldestFirst.size() * LT_STEP;
        String hash = hashOf(lt);
        utime += 7;
        JsonObject t = new JsonObject();
        t.addProperty("@type", "raw.transaction");
        JsonObject address = new JsonObject();
        address.addProperty("@type", "accountAddress");
        address.addProperty("account_address", wallet);
        t.add("address", address);
        t.addProperty("utime", utime);
        t.addProperty("data", Base64.getEncoder().encodeToString(("tx" + lt).getBytes(StandardCharsets.UTF_8)));
        JsonObject id = new JsonObject();
        id.addProperty("@type", "internal.transactionId");
        id.addProperty("lt", Long.toString(lt));
        id.addProperty("hash", hash);
        t.add("transaction_id", id);
        t.addProperty("fee", "2609");
        t.addProperty("storage_fee", "9");
        t.addProperty("other_fee", "2600");
        t.add("in_msg", in);
        t.add("out_msgs", out);
        Tx tx = new Tx(lt, hash, utime, t);
        oldestFirst.add(tx);
        return tx;
    }

    private JsonObject internal(String source, String destination, long nanotons, Body body) {
        return message(source, destination, nanotons, body);
    }

    private static JsonObject message(String source, String destination, long nanotons, Body body) {
        JsonObject m = new JsonObject();
        m.addProperty("@type", "raw.message");
        m.addProperty("source", source);
        m.addProperty("destination", destination);
        m.addProperty("value", Long.toString(nanotons));
        m.addProperty("fwd_fee", source.isEmpty() ? "0" : "266669");
        m.addProperty("ihr_fee", "0");
        m.addProperty("created_lt", "0");
        m.addProperty("body_hash", "lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=");
        JsonObject data = new JsonObject();
        Base64.Encoder b64 = Base64.getEncoder();
        switch (body) {
            case Body.Text(String comment) -> {
                data.addProperty("@type", "msg.dataText");
                data.addProperty("text", b64.encodeToString(comment.getBytes(StandardCharsets.UTF_8)));
                m.add("msg_data", data);
                m.addProperty("message", comment);
            }
            case Body.Raw(byte[] bytes) -> {
                data.addProperty("@type", "msg.dataRaw");
                data.addProperty("body", b64.encodeToString(bytes));
                data.addProperty("init_state", "");
                m.add("msg_data", data);
                m.addProperty("message", b64.encodeToString(bytes));
            }
            case Body.Encrypted() -> {
                data.addProperty("@type", "msg.dataEncryptedText");
                data.addProperty("text", b64.encodeToString(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}));
                m.add("msg_data", data);
                m.addProperty("message", "");
            }
            case Body.Empty() -> {
                data.addProperty("@type", "msg.dataRaw");
                data.addProperty("body", "te6cckEBAQEAAgAAAEysuc0=");
                data.addProperty("init_state", "");
                m.add("msg_data", data);
                m.addProperty("message", "");
            }
        }
        return m;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Duration wait;
            synchronized (this) {
                wait = delay;
            }
            if (!wait.isZero()) {
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            int status;
            String body;
            synchronized (this) {
                Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
                Optional<String> key =
                        Optional.ofNullable(exchange.getRequestHeaders().getFirst("X-API-Key"));
                requests.add(new Request(exchange.getRequestURI().getPath(), query, key));
                String[] failure = failures.poll();
                if (failure == null && servedBeforeFailing == 0) {
                    failure = failingAnswer;
                } else if (failure == null && servedBeforeFailing > 0) {
                    servedBeforeFailing--;
                }
                if (failure != null) {
                    int code = Integer.parseInt(failure[0]);
                    switch (failure[2]) {
                        case "raw" -> {
                            status = code;
                            body = failure[1];
                        }
                        case "ok-false" -> {
                            status = 200;
                            body = error(code, failure[1]);
                        }
                        default -> {
                            status = code;
                            body = error(code, failure[1]);
                        }
                    }
                } else if (apiKey.isPresent() && !apiKey.equals(key)) {
                    status = 401;
                    body = error(401, "API key does not exist");
                } else if (!exchange.getRequestURI().getPath().equals("/api/v2/getTransactions")) {
                    status = 404;
                    body = error(404, "Not Found");
                } else {
                    String[] answer = transactions(query);
                    status = Integer.parseInt(answer[0]);
                    body = answer[1];
                }
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private String[] transactions(Map<String, String> query) {
        if (!wallet.equals(query.get("address"))) {
            return new String[] {"422", error(422, "failed to parse address")};
        }
        int limit;
        long toLt;
        try {
            limit = Integer.parseInt(query.getOrDefault("limit", "10"));
            toLt = Long.parseLong(query.getOrDefault("to_lt", "0"));
        } catch (NumberFormatException e) {
            return new String[] {"422", error(422, "value is not a valid integer")};
        }
        if (limit < 1 || limit > 100) {
            return new String[] {"422", error(422, "limit must be between 1 and 100, got " + limit)};
        }
        if (query.containsKey("lt") != query.containsKey("hash")) {
            return new String[] {"422", error(422, "lt and hash must be sent together")};
        }
        int start = oldestFirst.size() - 1;
        if (query.containsKey("lt")) {
            long lt = Long.parseLong(query.get("lt"));
            start = -1;
            for (int i = 0; i < oldestFirst.size(); i++) {
                if (oldestFirst.get(i).lt() == lt && oldestFirst.get(i).hash().equals(query.get("hash"))) {
                    start = i;
                }
            }
            if (start < 0) {
                return new String[] {"500", error(500, "LITE_SERVER_UNKNOWN: cannot locate transaction")};
            }
        }
        JsonArray result = new JsonArray();
        int served = 0;
        for (int i = start; i >= 0 && served < limit; i--) {
            Tx tx = oldestFirst.get(i);
            if (toLt > 0 && tx.lt() <= toLt) {
                break;
            }
            result.add(tx.json().deepCopy());
            served++;
            if (repeatedInPage.contains(tx.hash()) && served < limit) {
                result.add(tx.json().deepCopy());
                served++;
            }
        }
        JsonObject root = new JsonObject();
        root.addProperty("ok", true);
        root.add("result", result);
        return new String[] {"200", root.toString()};
    }

    private static String error(int code, String message) {
        JsonObject root = new JsonObject();
        root.addProperty("ok", false);
        root.addProperty("error", message);
        root.addProperty("code", code);
        return root.toString();
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(name, value);
        }
        return out;
    }

    private static String hashOf(long lt) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(Long.toString(lt).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
