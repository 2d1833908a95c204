package dev.cairn.core.canonical;

import java.util.Objects;

/**
 * A JSON string of Unicode scalar values.
 *
 * <p>A lone UTF-16 surrogate has no UTF-8 encoding and RFC 8785 (through I-JSON) forbids it, so it is refused here,
 * once, instead of producing bytes that another implementation would reject or repair differently.
 */
public record JsonString(String value) implements JsonValue {
    public JsonString {
        requireWellFormed(value);
    }

    /** Refuses null and strings with a lone surrogate; JSON object keys obey the same rule. */
    static void requireWellFormed(String s) {
        Objects.requireNonNull(s, "JSON string");
        int bad = indexOfLoneSurrogate(s);
        if (bad >= 0) {
            throw new IllegalArgumentException(String.format(
                    "JSON string has a lone surrogate U+%04X at index %d: %s",
                    (int) s.charAt(bad), bad, abbreviate(s)));
        }
    }

    /** Index of the first unpaired surrogate in {@code s}, or -1. */
    static int indexOfLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    static String abbreviate(String s) {
        return s.length() <= 60 ? '"' + s + '"' : '"' + s.substring(0, 57) + "...\" (" + s.length() + " chars)";
    }
}
