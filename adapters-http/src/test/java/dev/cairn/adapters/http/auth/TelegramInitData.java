package dev.cairn.adapters.http.auth;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mini App {@code initData} signed the way Telegram signs it, written out here from Telegram's description rather than
 * with core's validator, so that tests check the adapter against the specification: secret key = HMAC-SHA256(key
 * {@code "WebAppData"}, bot token); hash = hex(HMAC-SHA256(secret key, data-check-string)), where the
 * data-check-string is every other field sorted by key as {@code key=value} joined by {@code \n}.
 */
public final class TelegramInitData {
    private final SortedMap<String, String> fields;

    private TelegramInitData(SortedMap<String, String> fields) {
        this.fields = fields;
    }

    /** What the Mini App of user {@code userId} gets when opened at {@code authDateSeconds}. */
    public static TelegramInitData forUser(long userId, String firstName, long authDateSeconds) {
        var fields = new TreeMap<String, String>();
        fields.put("query_id", "AAHdF6IQAAAAAN0XohDhrOrc");
        fields.put(
                "user",
                "{\"id\":" + userId + ",\"first_name\":\"" + firstName
                        + "\",\"last_name\":\"Lovelace\",\"username\":\"ada\",\"language_code\":\"en\","
                        + "\"is_premium\":true,\"allows_write_to_pm\":true}");
        fields.put("auth_date", Long.toString(authDateSeconds));
        return new TelegramInitData(fields);
    }

    /** The same fields with one replaced (or added). */
    public TelegramInitData with(String key, String value) {
        var changed = new TreeMap<>(fields);
        changed.put(key, value);
        return new TelegramInitData(changed);
    }

    /** The query string, signed for {@code botToken}. */
    public String signedFor(String botToken) {
        return withHash(hash(botToken));
    }

    /** The query string with {@code hash} as its hash field, whatever the fields are. */
    public String withHash(String hash) {
        var all = new LinkedHashMap<>(fields);
        all.put("hash", hash);
        return all.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    /** The hash Telegram would send with these fields for {@code botToken}. */
    public String hash(String botToken) {
        String dataCheckString = fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n"));
        byte[] secretKey = hmac("WebAppData".getBytes(StandardCharsets.UTF_8), botToken);
        return HexFormat.of().formatHex(hmac(secretKey, dataCheckString));
    }

    public Map<String, String> fields() {
        return fields;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static byte[] hmac(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
