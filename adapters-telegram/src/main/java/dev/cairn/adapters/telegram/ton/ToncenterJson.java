package dev.cairn.adapters.telegram.ton;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.cairn.core.payment.IncomingTransfer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Reads toncenter v2 {@code getTransactions} answers: {@code {"ok":true,"result":[raw.transaction, ...]}}, newest
 * first, or {@code {"ok":false,"code":..,"error":".."}}.
 */
final class ToncenterJson {
    /** One transaction of the page: its place in the wallet's history, and what it brought in, if anything. */
    record Transaction(long lt, String hash, Optional<IncomingTransfer> incoming) {}

    private ToncenterJson() {}

    /**
     * The transactions of an answer with HTTP status 200.
     *
     * @throws IOException if it is {@code "ok":false} or not of the v2 shape
     */
    static List<Transaction> page(String body) throws IOException {
        JsonObject root = object(body);
        JsonElement ok = root.get("ok");
        if (ok == null || !ok.isJsonPrimitive() || !ok.getAsJsonPrimitive().isBoolean() || !ok.getAsBoolean()) {
            throw new IOException("the TON API answered HTTP 200 with ok=false: " + error(root));
        }
        JsonElement result = root.get("result");
        if (result == null || !result.isJsonArray()) {
            throw new IOException("the TON API's getTransactions result is not a list: " + abbreviate(body));
        }
        JsonArray items = result.getAsJsonArray();
        List<Transaction> out = new ArrayList<>(items.size());
        try {
            for (JsonElement item : items) {
                out.add(transaction(item.getAsJsonObject()));
            }
        } catch (RuntimeException e) {
            // Gson's casts throw IllegalStateException, parseLong NumberFormatException: both a shape we do not know.
            throw new IOException("the TON API answered a transaction of an unknown shape: " + e.getMessage(), e);
        }
        return out;
    }

    /** What an error answer says: its {@code error} (and {@code code}), or the start of the body if not JSON. */
    static String errorOf(String body) {
        try {
            return error(object(body));
        } catch (IOException e) {
            return abbreviate(body);
        }
    }

    private static Transaction transaction(JsonObject t) {
        JsonObject id = t.getAsJsonObject("transaction_id");
        long lt = Long.parseLong(id.get("lt").getAsString());
        String hash = id.get("hash").getAsString();
        return new Transaction(lt, hash, incoming(t, lt, hash));
    }

    /** An internal message that brought value from an address; external messages have no source and no value. */
    private static Optional<IncomingTransfer> incoming(JsonObject t, long lt, String hash) {
        JsonElement in = t.get("in_msg");
        if (in == null || !in.isJsonObject()) {
            return Optional.empty();
        }
        JsonObject msg = in.getAsJsonObject();
        String source = address(msg.get("source"));
        long value = msg.has("value") ? Long.parseLong(msg.get("value").getAsString()) : 0;
        if (source.isEmpty() || value <= 0) {
            return Optional.empty();
        }
        Instant at = Instant.ofEpochSecond(t.get("utime").getAsLong());
        return Optional.of(new IncomingTransfer(hash, lt, source, value, comment(msg), at));
    }

    /** v2 gives an address as a string; the "standard" variant as {@code {"account_address": ..}}. */
    private static String address(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return "";
        }
        if (e.isJsonObject()) {
            return address(e.getAsJsonObject().get("account_address"));
        }
        return e.getAsString().strip();
    }

    /**
     * The text comment: {@code msg_data.text} (base64 of the UTF-8 bytes after the 32-bit zero opcode) when the body
     * is {@code msg.dataText}; a binary ({@code msg.dataRaw}) or encrypted body carries none; an API that gives no
     * {@code msg_data} is trusted for a plain-text {@code message}.
     */
    private static Optional<String> comment(JsonObject msg) {
        JsonElement data = msg.get("msg_data");
        String type =
                data != null && data.isJsonObject() && data.getAsJsonObject().has("@type")
                        ? data.getAsJsonObject().get("@type").getAsString()
                        : "";
        return switch (type) {
            case "msg.dataText" -> text(data.getAsJsonObject().get("text")).or(() -> plain(msg.get("message")));
            case "" -> plain(msg.get("message"));
            default -> Optional.empty();
        };
    }

    private static Optional<String> text(JsonElement base64) {
        if (base64 == null || base64.isJsonNull()) {
            return Optional.empty();
        }
        try {
            byte[] bytes = Base64.getMimeDecoder().decode(base64.getAsString());
            String s = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            return s.isBlank() ? Optional.empty() : Optional.of(s);
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> plain(JsonElement message) {
        if (message == null || message.isJsonNull()) {
            return Optional.empty();
        }
        String s = message.getAsString();
        boolean printable = s.codePoints().noneMatch(c -> Character.isISOControl(c) && !Character.isWhitespace(c));
        return printable && !s.isBlank() ? Optional.of(s) : Optional.empty();
    }

    private static JsonObject object(String body) throws IOException {
        try {
            JsonElement e = JsonParser.parseString(body);
            if (!e.isJsonObject()) {
                throw new IOException("the TON API answered something other than a JSON object: " + abbreviate(body));
            }
            return e.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new IOException("the TON API answered something other than JSON: " + abbreviate(body), e);
        }
    }

    private static String error(JsonObject root) {
        String error = root.has("error") && !root.get("error").isJsonNull()
                ? root.get("error").getAsString()
                : "(no error given)";
        return root.has("code") ? error + " (code " + root.get("code").getAsString() + ")" : error;
    }

    private static String abbreviate(String body) {
        String oneLine = body.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= 200 ? "'" + oneLine + "'" : "'" + oneLine.substring(0, 200) + "...'";
    }
}
