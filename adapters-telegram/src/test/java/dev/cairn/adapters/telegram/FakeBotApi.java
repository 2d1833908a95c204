package dev.cairn.adapters.telegram;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;

/**
 * A Bot API server on loopback for one bot token: what the bots are tested against in place of Telegram's servers,
 * which cannot be reached from a test. It speaks the Bot API's HTTP protocol as Telegram documents it ({@code
 * /bot<token>/<method>} with form-encoded, JSON or query parameters; answers {@code {"ok":true,"result":...}} or
 * {@code {"ok":false,"error_code":...,"description":...}}; files at {@code /file/bot<token>/<path>}), keeps a queue of
 * updates a test pushes, and records every call so tests assert on what a bot sent.
 *
 * <p>Methods: getMe, getUpdates (honours {@code offset}; holds an empty poll open for at most {@link #maxHold}),
 * sendMessage, sendInvoice, answerCallbackQuery, answerPreCheckoutQuery, createInvoiceLink, refundStarPayment,
 * getFile (refuses files over 20 MB as Telegram does), setWebhook, deleteWebhook. Thread-safe.
 */
public final class FakeBotApi implements AutoCloseable {
    /** What Telegram lets a bot download. */
    public static final long DOWNLOAD_LIMIT = 20L * 1024 * 1024;

    private static final Gson GSON = new Gson();

    /** A call a bot made: the method and its parameters (JSON values as their JSON text, others as sent). */
    public record Call(String method, Map<String, String> params) {
        public String param(String name) {
            return params.get(name);
        }

        /** A parameter that carries JSON (reply_markup, prices, allowed_updates), parsed. */
        public JsonElement json(String name) {
            String value = params.get(name);
            return value == null ? null : JsonParser.parseString(value);
        }
    }

    /** A scripted answer to the next call of a method, instead of the usual one. */
    private record Failure(int httpStatus, String body) {}

    private final String token;
    private final HttpServer server;
    private final List<Call> calls = new ArrayList<>();
    private final List<JsonObject> updates = new ArrayList<>();
    private final Map<String, Deque<Failure>> failures = new HashMap<>();
    private final Map<String, StoredFile> files = new ConcurrentHashMap<>();
    private final List<String> downloads = new ArrayList<>();
    private final Set<Long> blocked = ConcurrentHashMap.newKeySet();
    private volatile String username = "cairn_test_bot";
    private volatile Duration maxHold = Duration.ofMillis(500);
    private int nextUpdateId = 1;
    private int nextMessageId = 1;
    private int nextQueryId = 1;

    private record StoredFile(String id, String path, long size, byte[] bytes) {}

    private FakeBotApi(String token) throws IOException {
        this.token = token;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::serve);
        server.start();
    }

    /** A server on a free loopback port, for bot {@code token}. */
    public static FakeBotApi start(String token) throws IOException {
        return new FakeBotApi(token);
    }

    /** What a bot is given as its Bot API base URL. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public String token() {
        return token;
    }

    /** The username getMe reports. */
    public FakeBotApi username(String name) {
        this.username = name;
        return this;
    }

    /** The longest an empty getUpdates is held open (whatever timeout the bot asks for). */
    public FakeBotApi maxHold(Duration hold) {
        this.maxHold = hold;
        return this;
    }

    /** Messages to {@code userId} are refused with 403, as for a user who blocked the bot or never started it. */
    public FakeBotApi block(long userId) {
        blocked.add(userId);
        return this;
    }

    // ---- scripted failures ----

    /** The next call of {@code method} gets the Bot API's error answer: {@code errorCode} and {@code description}. */
    public synchronized FakeBotApi failNext(String method, int errorCode, String description) {
        JsonObject error = new JsonObject();
        error.addProperty("ok", false);
        error.addProperty("error_code", errorCode);
        error.addProperty("description", description);
        failures.computeIfAbsent(method, m -> new ArrayDeque<>()).add(new Failure(errorCode, error.toString()));
        return this;
    }

    /** The next call of {@code method} gets a raw HTTP answer (a proxy's 502 page, say). */
    public synchronized FakeBotApi answerNextRaw(String method, int httpStatus, String body) {
        failures.computeIfAbsent(method, m -> new ArrayDeque<>()).add(new Failure(httpStatus, body));
        return this;
    }

    // ---- what the bots did ----

    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    public synchronized List<Call> calls(String method) {
        return calls.stream().filter(c -> c.method().equals(method)).toList();
    }

    /** Waits until {@code method} has been called {@code count} times in all; returns the last of those calls. */
    public Call awaitCall(String method, int count, Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (true) {
                List<Call> made = calls(method);
                if (made.size() >= count) {
                    return made.get(count - 1);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException("no call #" + count + " of " + method + " within " + timeout
                            + "; calls were " + calls.stream().map(Call::method).toList());
                }
                wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /** The first call of {@code method}, waiting for it. */
    public Call awaitCall(String method) throws InterruptedException, TimeoutException {
        return awaitCall(method, 1, Duration.ofSeconds(10));
    }

    /** Waits until the bot has taken every pushed update and polled again (so it handled them all). */
    public void awaitDrained(Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (true) {
                int polls = calls("getUpdates").size();
                if (updates.isEmpty() && polls > drainedAtPoll) {
                    return;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException(updates.size() + " update(s) still unconfirmed after " + timeout);
                }
                wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    private int drainedAtPoll;

    /** The file paths downloaded from the file API. */
    public synchronized List<String> downloads() {
        return List.copyOf(downloads);
    }

    // ---- updates a test pushes ----

    /** Queues an update (its {@code update_id} is assigned here) and returns its id. */
    public synchronized int push(JsonObject update) {
        int id = nextUpdateId++;
        update.addProperty("update_id", id);
        updates.add(update);
        drainedAtPoll = calls("getUpdates").size();
        notifyAll();
        return id;
    }

    /** A text message from user {@code userId} in their private chat with the bot. */
    public int pushText(long userId, String text) {
        JsonObject message = message(userId);
        message.addProperty("text", text);
        if (text.startsWith("/")) {
            int end = text.indexOf(' ');
            JsonObject entity = new JsonObject();
            entity.addProperty("type", "bot_command");
            entity.addProperty("offset", 0);
            entity.addProperty("length", end < 0 ? text.length() : end);
            JsonArray entities = new JsonArray();
            entities.add(entity);
            message.add("entities", entities);
        }
        return push(wrap("message", message));
    }

    /** A press of an inline button with {@code data}, under a message of the bot's; returns the query id. */
    public synchronized String pushCallback(long userId, String data) {
        String id = "cq" + nextQueryId++;
        JsonObject query = new JsonObject();
        query.addProperty("id", id);
        query.add("from", user(userId));
        JsonObject message = message(userId);
        message.add("from", bot());
        message.addProperty("text", "a card");
        query.add("message", message);
        query.addProperty("chat_instance", "ci" + userId);
        query.addProperty("data", data);
        push(wrap("callback_query", query));
        return id;
    }

    /** Telegram's question before it charges {@code userId}; returns the query id. */
    public synchronized String pushPreCheckout(long userId, String currency, long amount, String payload) {
        String id = "pcq" + nextQueryId++;
        JsonObject query = new JsonObject();
        query.addProperty("id", id);
        query.add("from", user(userId));
        query.addProperty("currency", currency);
        query.addProperty("total_amount", amount);
        query.addProperty("invoice_payload", payload);
        push(wrap("pre_checkout_query", query));
        return id;
    }

    /** The service message of a payment Telegram took. */
    public int pushSuccessfulPayment(long userId, String currency, long amount, String payload, String chargeId) {
        JsonObject payment = new JsonObject();
        payment.addProperty("currency", currency);
        payment.addProperty("total_amount", amount);
        payment.addProperty("invoice_payload", payload);
        payment.addProperty("telegram_payment_charge_id", chargeId);
        payment.addProperty("provider_payment_charge_id", "");
        JsonObject message = message(userId);
        message.add("successful_payment", payment);
        return push(wrap("message", message));
    }

    /** The service message of a refund (Bot API 7.10). */
    public int pushRefundedPayment(long userId, String currency, long amount, String payload, String chargeId) {
        JsonObject refund = new JsonObject();
        refund.addProperty("currency", currency);
        refund.addProperty("total_amount", amount);
        refund.addProperty("invoice_payload", payload);
        refund.addProperty("telegram_payment_charge_id", chargeId);
        JsonObject message = message(userId);
        message.add("refunded_payment", refund);
        return push(wrap("message", message));
    }

    /** A document message carrying {@code bytes}, which getFile and the file API then serve; returns the file id. */
    public String pushDocument(long userId, String fileName, String mimeType, byte[] bytes, Optional<String> caption) {
        StoredFile file = addFile(bytes, bytes.length, fileName);
        pushDocumentMessage(userId, file, fileName, mimeType, caption);
        return file.id();
    }

    /**
     * A document message declaring {@code size} bytes, whose bytes the file API does not serve: a file too large to
     * be fetched, or one gone from Telegram's servers.
     */
    public String pushDocumentWithoutBytes(long userId, String fileName, String mimeType, long size) {
        StoredFile file = addFile(null, size, fileName);
        pushDocumentMessage(userId, file, fileName, mimeType, Optional.empty());
        return file.id();
    }

    /** An audio message (a music file) carrying {@code bytes}, with performer and title tags; returns the file id. */
    public String pushAudio(
            long userId, String fileName, String mimeType, byte[] bytes, String performer, String title) {
        StoredFile file = addFile(bytes, bytes.length, fileName);
        JsonObject audio = new JsonObject();
        audio.addProperty("file_id", file.id());
        audio.addProperty("file_unique_id", "u" + file.id());
        audio.addProperty("duration", 3);
        audio.addProperty("performer", performer);
        audio.addProperty("title", title);
        audio.addProperty("file_name", fileName);
        audio.addProperty("mime_type", mimeType);
        audio.addProperty("file_size", file.size());
        JsonObject message = message(userId);
        message.add("audio", audio);
        push(wrap("message", message));
        return file.id();
    }

    private void pushDocumentMessage(
            long userId, StoredFile file, String fileName, String mimeType, Optional<String> caption) {
        JsonObject document = new JsonObject();
        document.addProperty("file_id", file.id());
        document.addProperty("file_unique_id", "u" + file.id());
        document.addProperty("file_name", fileName);
        document.addProperty("mime_type", mimeType);
        document.addProperty("file_size", file.size());
        JsonObject message = message(userId);
        message.add("document", document);
        caption.ifPresent(c -> message.addProperty("caption", c));
        push(wrap("message", message));
    }

    private synchronized StoredFile addFile(byte[] bytes, long size, String name) {
        int n = files.size() + 1;
        String id = "file" + n;
        StoredFile file = new StoredFile(id, "documents/file_" + n + "_" + name, size, bytes);
        files.put(id, file);
        return file;
    }

    private synchronized JsonObject message(long userId) {
        JsonObject message = new JsonObject();
        message.addProperty("message_id", nextMessageId++);
        message.add("from", user(userId));
        JsonObject chat = new JsonObject();
        chat.addProperty("id", userId);
        chat.addProperty("type", "private");
        chat.addProperty("first_name", "User" + userId);
        message.add("chat", chat);
        message.addProperty("date", 1_764_000_000);
        return message;
    }

    private static JsonObject user(long userId) {
        JsonObject user = new JsonObject();
        user.addProperty("id", userId);
        user.addProperty("is_bot", false);
        user.addProperty("first_name", "User" + userId);
        return user;
    }

    private JsonObject bot() {
        JsonObject bot = new JsonObject();
        bot.addProperty("id", 4242);
        bot.addProperty("is_bot", true);
        bot.addProperty("first_name", "Cairn");
        bot.addProperty("username", username);
        return bot;
    }

    private static JsonObject wrap(String kind, JsonObject payload) {
        JsonObject update = new JsonObject();
        update.add(kind, payload);
        return update;
    }

    // ---- the protocol ----

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String methodPrefix = "/bot" + token + "/";
            String filePrefix = "/file/bot" + token + "/";
            if (path.startsWith(filePrefix)) {
                download(exchange, URLDecoder.decode(path.substring(filePrefix.length()), StandardCharsets.UTF_8));
            } else if (path.startsWith(methodPrefix)) {
                String method = path.substring(methodPrefix.length());
                Map<String, String> params = params(exchange);
                Failure failure = record(method, params);
                if (failure != null) {
                    send(exchange, failure.httpStatus(), failure.body(), "application/json");
                } else {
                    answer(exchange, method, params);
                }
            } else if (path.startsWith("/bot") || path.startsWith("/file/bot")) {
                error(exchange, 401, "Unauthorized");
            } else {
                error(exchange, 404, "Not Found");
            }
        }
    }

    private synchronized Failure record(String method, Map<String, String> params) {
        calls.add(new Call(method, Map.copyOf(params)));
        notifyAll();
        Deque<Failure> scripted = failures.get(method);
        return scripted == null ? null : scripted.poll();
    }

    private void answer(HttpExchange exchange, String method, Map<String, String> params) throws IOException {
        switch (method) {
            case "getMe" -> ok(exchange, bot());
            case "getUpdates" -> ok(exchange, updates(params));
            case "sendMessage", "sendInvoice" -> {
                long chat = Long.parseLong(params.getOrDefault("chat_id", "0"));
                if (blocked.contains(chat)) {
                    error(exchange, 403, "Forbidden: bot was blocked by the user");
                    return;
                }
                JsonObject sent = message(chat);
                sent.add("from", bot());
                sent.remove("text");
                if (params.containsKey("text")) {
                    sent.addProperty("text", params.get("text"));
                }
                ok(exchange, sent);
            }
            case "answerCallbackQuery", "answerPreCheckoutQuery", "refundStarPayment", "setWebhook", "deleteWebhook" ->
                ok(exchange, GSON.toJsonTree(true));
            case "createInvoiceLink" -> ok(exchange, GSON.toJsonTree("https://t.me/$invoice-" + params.get("payload")));
            case "getFile" -> {
                StoredFile file = files.get(params.getOrDefault("file_id", ""));
                if (file == null) {
                    error(exchange, 400, "Bad Request: invalid file_id");
                } else if (file.size() > DOWNLOAD_LIMIT) {
                    error(exchange, 400, "Bad Request: file is too big");
                } else {
                    JsonObject described = new JsonObject();
                    described.addProperty("file_id", file.id());
                    described.addProperty("file_unique_id", "u" + file.id());
                    described.addProperty("file_size", file.size());
                    described.addProperty("file_path", file.path());
                    ok(exchange, described);
                }
            }
            default -> error(exchange, 404, "Not Found: method not found");
        }
    }

    /** Confirms updates below the offset, then hands out the rest, holding an empty poll open for a while. */
    private JsonArray updates(Map<String, String> params) {
        long offset = Long.parseLong(params.getOrDefault("offset", "0"));
        long timeout = Long.parseLong(params.getOrDefault("timeout", "0"));
        long holdMillis = Math.min(timeout * 1000, maxHold.toMillis());
        long deadline = System.currentTimeMillis() + holdMillis;
        synchronized (this) {
            updates.removeIf(u -> u.get("update_id").getAsLong() < offset);
            notifyAll();
            try {
                while (updates.isEmpty() && System.currentTimeMillis() < deadline) {
                    wait(Math.max(1, deadline - System.currentTimeMillis()));
                    updates.removeIf(u -> u.get("update_id").getAsLong() < offset);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            JsonArray out = new JsonArray();
            updates.forEach(out::add);
            return out;
        }
    }

    private void download(HttpExchange exchange, String path) throws IOException {
        StoredFile file = files.values().stream()
                .filter(f -> f.path().equals(path) && f.bytes() != null)
                .findFirst()
                .orElse(null);
        synchronized (this) {
            downloads.add(path);
            notifyAll();
        }
        if (file == null) {
            send(exchange, 404, "Not Found", "text/plain");
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
        exchange.sendResponseHeaders(200, file.bytes().length == 0 ? -1 : file.bytes().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(file.bytes());
        }
    }

    /** Parameters from the query string and the body, form-encoded or JSON, as the Bot API accepts them. */
    private static Map<String, String> params(HttpExchange exchange) throws IOException {
        Map<String, String> params = new LinkedHashMap<>();
        String query = exchange.getRequestURI().getRawQuery();
        if (query != null) {
            form(query, params);
        }
        byte[] body = exchange.getRequestBody().readAllBytes();
        String type = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Content-Type"))
                .orElse("")
                .toLowerCase(java.util.Locale.ROOT);
        String text = new String(body, StandardCharsets.UTF_8);
        if (type.startsWith("application/json")) {
            JsonObject object = JsonParser.parseString(text).getAsJsonObject();
            for (var entry : object.entrySet()) {
                JsonElement value = entry.getValue();
                params.put(entry.getKey(), value.isJsonPrimitive() ? value.getAsString() : value.toString());
            }
        } else if (type.startsWith("application/x-www-form-urlencoded")) {
            form(text, params);
        } else if (body.length > 0) {
            throw new IOException("a body of type '" + type + "' is not understood by this fake");
        }
        return params;
    }

    private static void form(String encoded, Map<String, String> into) {
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            into.put(key, value);
        }
    }

    private static void ok(HttpExchange exchange, JsonElement result) throws IOException {
        JsonObject answer = new JsonObject();
        answer.addProperty("ok", true);
        answer.add("result", result);
        send(exchange, 200, answer.toString(), "application/json");
    }

    private static void error(HttpExchange exchange, int code, String description) throws IOException {
        JsonObject answer = new JsonObject();
        answer.addProperty("ok", false);
        answer.addProperty("error_code", code);
        answer.addProperty("description", description);
        send(exchange, code, answer.toString(), "application/json");
    }

    private static void send(HttpExchange exchange, int status, String body, String type) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
