package dev.cairn.core.auth;

import dev.cairn.core.canonical.StrictUtf8;
import java.io.ByteArrayOutputStream;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The fields of a Mini App {@code initData} query string, percent-decoded, before any check of their signature.
 *
 * <p>Decoding is strict so that what is verified is exactly what was sent: a bad percent-escape, bytes that are not
 * UTF-8, a pair without {@code =}, an empty or repeated key are all refused rather than repaired. {@code +} decodes to
 * a space, as in the form encoding Telegram's clients and reference checkers use.
 *
 * @param fields every field, keys in ascending order (the order of the data-check-string)
 */
public record InitData(SortedMap<String, String> fields) {
    /** Far above what Telegram sends (about 1 KiB with a photo URL), far below harm. */
    public static final int MAX_LENGTH = 16 * 1024;

    public InitData {
        fields = Collections.unmodifiableSortedMap(new TreeMap<>(fields));
    }

    /**
     * Parses {@code query} ({@code key=value&key=value...}).
     *
     * @throws AuthenticationException {@link AuthFailure#MISSING} if empty, {@link AuthFailure#MALFORMED} naming the
     *     problem otherwise
     */
    public static InitData parse(String query) {
        if (query == null || query.isEmpty()) {
            throw new AuthenticationException(AuthFailure.MISSING, "initData is empty");
        }
        if (query.length() > MAX_LENGTH) {
            throw malformed("initData has " + query.length() + " characters, more than " + MAX_LENGTH);
        }
        var fields = new TreeMap<String, String>();
        for (String pair : query.split("&", -1)) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw malformed("initData pair '" + abbreviate(pair) + "' is not key=value");
            }
            String key = decode(pair.substring(0, eq));
            String value = decode(pair.substring(eq + 1));
            if (fields.put(key, value) != null) {
                throw malformed("initData repeats the key '" + abbreviate(key) + "'");
            }
        }
        return new InitData(fields);
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(fields.get(key));
    }

    /**
     * Telegram's data-check-string: every field except {@code hash}, sorted by key, as {@code key=value}, joined by
     * {@code \n}.
     */
    public String dataCheckString() {
        var out = new StringBuilder();
        for (Map.Entry<String, String> e : fields.entrySet()) {
            if (e.getKey().equals("hash")) {
                continue;
            }
            if (!out.isEmpty()) {
                out.append('\n');
            }
            out.append(e.getKey()).append('=').append(e.getValue());
        }
        return out.toString();
    }

    private static String decode(String s) {
        var bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length() || hex(s.charAt(i + 1)) < 0 || hex(s.charAt(i + 2)) < 0) {
                    throw malformed("bad percent-escape in '" + abbreviate(s) + "' at index " + i);
                }
                bytes.write(hex(s.charAt(i + 1)) << 4 | hex(s.charAt(i + 2)));
                i += 2;
            } else if (c == '+') {
                bytes.write(' ');
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                // Raw non-ASCII is not what a URL encoder produces; refuse rather than guess its encoding.
                throw malformed("unencoded non-ASCII character in '" + abbreviate(s) + "' at index " + i);
            }
        }
        return StrictUtf8.decode(bytes.toByteArray())
                .orElseThrow(() -> malformed("percent-decoded bytes of '" + abbreviate(s) + "' are not UTF-8"));
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    private static AuthenticationException malformed(String message) {
        return new AuthenticationException(AuthFailure.MALFORMED, message);
    }
}
