package dev.cairn.app.logging;

import java.math.BigDecimal;
import java.math.BigInteger;

/** Builds one JSON object on one line: members are appended in order, strings escaped per RFC 8259. */
final class JsonLine {
    private final StringBuilder out = new StringBuilder(256).append('{');

    JsonLine string(String key, String value) {
        name(key);
        quote(value);
        return this;
    }

    /** Numbers and booleans as JSON literals (finite ones only), anything else as its string form. */
    JsonLine value(String key, Object value) {
        boolean literal = value instanceof Boolean
                || value instanceof Integer
                || value instanceof Long
                || value instanceof Short
                || value instanceof Byte
                || value instanceof BigInteger
                || value instanceof BigDecimal
                || (value instanceof Double d && Double.isFinite(d))
                || (value instanceof Float f && Float.isFinite(f));
        if (!literal) {
            return string(key, String.valueOf(value));
        }
        name(key);
        out.append(value);
        return this;
    }

    String end() {
        return out.append("}\n").toString();
    }

    private void name(String key) {
        if (out.length() > 1) {
            out.append(',');
        }
        quote(key);
        out.append(':');
    }

    private void quote(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    // A lone surrogate has no UTF-8 form and strict parsers refuse even its escape: replace it.
                    boolean loneSurrogate = Character.isSurrogate(c)
                            && !(Character.isHighSurrogate(c)
                                    && i + 1 < s.length()
                                    && Character.isLowSurrogate(s.charAt(i + 1)));
                    if (loneSurrogate) {
                        out.append('\ufffd');
                    } else if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else if (Character.isHighSurrogate(c)) {
                        out.append(c).append(s.charAt(++i));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
