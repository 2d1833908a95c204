package dev.cairn.core.canonical;

import java.nio.charset.StandardCharsets;

/**
 * RFC 8785 (JSON Canonicalization Scheme) encoding of a {@link JsonValue}.
 *
 * <p>No whitespace; object members sorted by the UTF-16 code units of their keys; strings escaped exactly as
 * ECMAScript's {@code JSON.stringify} does (only {@code "}, {@code \}, and U+0000..U+001F, with the short forms
 * {@code \b \f \n \r \t} and {@code \}{@code u00xx} in lowercase hex for the rest); integers in plain decimal;
 * UTF-8 output. Everything else, including {@code /}, DEL, U+2028 and non-ASCII, is written as itself.
 */
public final class CanonicalJson {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private CanonicalJson() {}

    /** The canonical UTF-8 bytes of {@code value}. */
    public static byte[] encode(JsonValue value) {
        return encodeToString(value).getBytes(StandardCharsets.UTF_8);
    }

    /** The canonical text of {@code value}; its UTF-8 bytes are {@link #encode}'s result. */
    public static String encodeToString(JsonValue value) {
        // Signed messages run to kilobytes; starting near that size saves the builder's repeated regrowth.
        var out = new StringBuilder(1024);
        write(value, out);
        return out.toString();
    }

    private static void write(JsonValue value, StringBuilder out) {
        switch (value) {
            case JsonObject o -> {
                out.append('{');
                boolean first = true;
                for (var member : o.members().entrySet()) { // already in canonical order
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    writeString(member.getKey(), out);
                    out.append(':');
                    write(member.getValue(), out);
                }
                out.append('}');
            }
            case JsonArray a -> {
                out.append('[');
                for (int i = 0; i < a.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(a.get(i), out);
                }
                out.append(']');
            }
            case JsonString s -> writeString(s.value(), out);
            // Within ±(2^53-1) the ECMAScript Number-to-String result is the plain decimal integer.
            case JsonInteger i -> out.append(i.value());
            case JsonBoolean b -> out.append(b.value());
            case JsonNull n -> out.append("null");
        }
    }

    private static void writeString(String s, StringBuilder out) {
        out.append('"');
        int plain = 0;
        while (plain < s.length() && s.charAt(plain) >= 0x20 && s.charAt(plain) != '"' && s.charAt(plain) != '\\') {
            plain++;
        }
        // Keys, hex digests and signatures need no escaping: copy the run in one go, not char by char.
        out.append(s, 0, plain);
        for (int i = plain; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
