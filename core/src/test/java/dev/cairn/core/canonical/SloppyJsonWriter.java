package dev.cairn.core.canonical;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Random;

/**
 * Writes a JSON value the way some other, valid but non-canonical, writer might: shuffled members, whitespace
 * anywhere it is allowed, any character written as a JSON Unicode escape (backslash, {@code u}, four hex digits in
 * upper or lower case), {@code /} as {@code \/}, {@code 0} as {@code -0}.
 */
final class SloppyJsonWriter {
    private final Random random;
    private final StringBuilder out = new StringBuilder();

    private SloppyJsonWriter(Random random) {
        this.random = random;
    }

    static String write(JsonValue value, Random random) {
        var writer = new SloppyJsonWriter(random);
        writer.whitespace();
        writer.value(value);
        writer.whitespace();
        return writer.out.toString();
    }

    private void value(JsonValue value) {
        switch (value) {
            case JsonObject o -> {
                var entries = new ArrayList<>(o.members().entrySet());
                Collections.shuffle(entries, random);
                out.append('{');
                whitespace();
                for (int i = 0; i < entries.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                        whitespace();
                    }
                    string(entries.get(i).getKey());
                    whitespace();
                    out.append(':');
                    whitespace();
                    value(entries.get(i).getValue());
                    whitespace();
                }
                out.append('}');
            }
            case JsonArray a -> {
                out.append('[');
                whitespace();
                for (int i = 0; i < a.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                        whitespace();
                    }
                    value(a.get(i));
                    whitespace();
                }
                out.append(']');
            }
            case JsonString s -> string(s.value());
            case JsonInteger i -> out.append(i.value() == 0 && random.nextBoolean() ? "-0" : Long.toString(i.value()));
            case JsonBoolean b -> out.append(b.value());
            case JsonNull n -> out.append("null");
        }
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); ) {
            int codePoint = s.codePointAt(i);
            i += Character.charCount(codePoint);
            if (codePoint < 0x20 || codePoint == '"' || codePoint == '\\' || random.nextInt(4) == 0) {
                // A pair is escaped as two escapes or not at all: half-escaped, it would be two lone surrogates.
                for (char unit : Character.toChars(codePoint)) {
                    String hex = String.format("%04x", (int) unit);
                    out.append("\\u").append(random.nextBoolean() ? hex : hex.toUpperCase(java.util.Locale.ROOT));
                }
            } else if (codePoint == '/' && random.nextBoolean()) {
                out.append("\\/");
            } else {
                out.appendCodePoint(codePoint);
            }
        }
        out.append('"');
    }

    private void whitespace() {
        int n = random.nextInt(4) == 0 ? random.nextInt(3) : 0;
        for (int i = 0; i < n; i++) {
            out.append(" \t\r\n".charAt(random.nextInt(4)));
        }
    }
}
