package dev.cairn.core.canonical;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * A strict RFC 8259 parser from UTF-8 bytes into a {@link JsonValue}, for bytes that come from other nodes.
 *
 * <p>Stricter than RFC 8259 where leniency would let two parsers see different values in the same bytes: duplicate
 * object keys, lone surrogates, malformed UTF-8 and a byte order mark are refused, and so are non-integer numbers (see
 * {@link JsonInteger}). Size and nesting are bounded ({@link Limits}) so hostile input cannot exhaust memory or the
 * stack. Every refusal is a {@link MalformedJsonException} carrying the byte offset. The input need not be canonical:
 * a verifier re-encodes what it parsed.
 */
public final class JsonParser {
    /** Bounds on what {@link JsonParser} accepts. */
    public record Limits(int maxBytes, int maxDepth) {
        /** 1 MiB and 64 levels: far above any Cairn structure, far below harm. */
        public static final Limits DEFAULT = new Limits(1 << 20, 64);

        /** Recursion costs one stack frame per level; this many levels fit easily in any thread's stack. */
        public static final int DEPTH_CEILING = 1000;

        public Limits {
            if (maxBytes < 1) {
                throw new IllegalArgumentException("maxBytes must be >= 1: " + maxBytes);
            }
            if (maxDepth < 1 || maxDepth > DEPTH_CEILING) {
                throw new IllegalArgumentException("maxDepth must be in [1, " + DEPTH_CEILING + "]: " + maxDepth);
            }
        }
    }

    private final byte[] in;
    private final Limits limits;
    private int pos;

    private JsonParser(byte[] in, Limits limits) {
        this.in = in;
        this.limits = limits;
    }

    /** Parses one JSON value from UTF-8 {@code input} under {@link Limits#DEFAULT}. */
    public static JsonValue parse(byte[] input) {
        return parse(input, Limits.DEFAULT);
    }

    /** Parses one JSON text given as a Java string (encoded to UTF-8 first, so offsets are UTF-8 byte offsets). */
    public static JsonValue parse(String input) {
        return parse(input.getBytes(StandardCharsets.UTF_8));
    }

    public static JsonValue parse(byte[] input, Limits limits) {
        if (input.length > limits.maxBytes()) {
            throw new MalformedJsonException(
                    limits.maxBytes(), "input of " + input.length + " bytes exceeds the limit of " + limits.maxBytes());
        }
        var parser = new JsonParser(input, limits);
        if (input.length >= 3 && (input[0] & 0xff) == 0xef && (input[1] & 0xff) == 0xbb && (input[2] & 0xff) == 0xbf) {
            throw parser.error(0, "byte order mark; JSON exchanged between systems must not start with one");
        }
        parser.skipWhitespace();
        JsonValue value = parser.value(0);
        parser.skipWhitespace();
        if (parser.pos < input.length) {
            throw parser.error(parser.pos, "trailing data after the JSON value: " + parser.describe(parser.pos));
        }
        return value;
    }

    private JsonValue value(int depth) {
        if (pos >= in.length) {
            throw error(pos, "unexpected end of input, expected a value");
        }
        return switch (in[pos]) {
            case '{' -> object(depth + 1);
            case '[' -> array(depth + 1);
            case '"' -> new JsonString(string());
            case 't' -> literal("true", JsonBoolean.TRUE);
            case 'f' -> literal("false", JsonBoolean.FALSE);
            case 'n' -> literal("null", JsonNull.INSTANCE);
            default -> {
                if (in[pos] == '-' || isDigit(in[pos])) {
                    yield integer();
                }
                throw error(pos, "expected a value, found " + describe(pos));
            }
        };
    }

    private JsonObject object(int depth) {
        checkDepth(depth);
        pos++; // '{'
        var members = new LinkedHashMap<String, JsonValue>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return JsonObject.EMPTY;
        }
        while (true) {
            if (peek() != '"') {
                throw error(pos, "expected a string key, found " + describe(pos));
            }
            int keyOffset = pos;
            String key = string();
            if (members.containsKey(key)) {
                throw error(keyOffset, "duplicate key " + JsonString.abbreviate(key));
            }
            skipWhitespace();
            expect(':');
            skipWhitespace();
            members.put(key, value(depth));
            skipWhitespace();
            if (peek() == ',') {
                pos++;
                skipWhitespace();
            } else if (peek() == '}') {
                pos++;
                return new JsonObject(members);
            } else {
                throw error(pos, "expected ',' or '}' in object, found " + describe(pos));
            }
        }
    }

    private JsonArray array(int depth) {
        checkDepth(depth);
        pos++; // '['
        List<JsonValue> elements = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return JsonArray.EMPTY;
        }
        while (true) {
            elements.add(value(depth));
            skipWhitespace();
            if (peek() == ',') {
                pos++;
                skipWhitespace();
            } else if (peek() == ']') {
                pos++;
                return new JsonArray(elements);
            } else {
                throw error(pos, "expected ',' or ']' in array, found " + describe(pos));
            }
        }
    }

    private void checkDepth(int depth) {
        if (depth > limits.maxDepth()) {
            throw error(pos, "nesting deeper than " + limits.maxDepth() + " levels");
        }
    }

    /** Reads a string starting at the opening quote, decoding escapes and UTF-8. */
    private String string() {
        pos++; // opening quote
        // Fast path: most strings on the wire (hex keys, signatures, member names) are printable ASCII without
        // escapes, and those bytes are their own chars. Take such a run in one copy; anything else (escape, control
        // character, non-ASCII, end of input) goes through the checks below from where the run stopped.
        int start = pos;
        while (pos < in.length && isPlainAscii(in[pos])) {
            pos++;
        }
        if (pos < in.length && in[pos] == '"') {
            pos++;
            return new String(in, start, pos - 1 - start, StandardCharsets.ISO_8859_1);
        }
        var out = new StringBuilder(pos - start + 16);
        out.append(new String(in, start, pos - start, StandardCharsets.ISO_8859_1));
        while (true) {
            if (pos >= in.length) {
                throw error(pos, "unterminated string");
            }
            int b = in[pos] & 0xff;
            if (b == '"') {
                pos++;
                return out.toString();
            } else if (b == '\\') {
                escape(out);
            } else if (b < 0x20) {
                throw error(pos, String.format("unescaped control character U+%04X in string", b));
            } else if (b < 0x80) {
                out.append((char) b);
                pos++;
            } else {
                out.appendCodePoint(Utf8.decode(in, pos, this::error));
                pos += Utf8.sequenceLength(b);
            }
        }
    }

    private void escape(StringBuilder out) {
        int start = pos;
        pos++; // backslash
        if (pos >= in.length) {
            throw error(pos, "unterminated string");
        }
        byte c = in[pos++];
        switch (c) {
            case '"' -> out.append('"');
            case '\\' -> out.append('\\');
            case '/' -> out.append('/');
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case 'n' -> out.append('\n');
            case 'r' -> out.append('\r');
            case 't' -> out.append('\t');
            case 'u' -> {
                char unit = hex4();
                if (Character.isHighSurrogate(unit)) {
                    int low = pos;
                    if (pos + 1 < in.length && in[pos] == '\\' && in[pos + 1] == 'u') {
                        pos += 2;
                        char next = hex4();
                        if (Character.isLowSurrogate(next)) {
                            out.append(unit).append(next);
                            return;
                        }
                    }
                    throw error(
                            start,
                            String.format("lone surrogate \\u%04x (no low surrogate at byte %d)", (int) unit, low));
                }
                if (Character.isLowSurrogate(unit)) {
                    throw error(start, String.format("lone surrogate \\u%04x", (int) unit));
                }
                out.append(unit);
            }
            default ->
                throw error(
                        start,
                        c >= 0x21 && c < 0x7f
                                ? "invalid escape \\" + (char) c
                                : "invalid escape: backslash followed by " + describeChar(c & 0xff));
        }
    }

    private char hex4() {
        if (pos + 4 > in.length) {
            throw error(pos, "unterminated \\u escape");
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(in[pos + i], 16);
            if (d < 0) {
                throw error(pos + i, "\\u escape needs 4 hex digits, found " + describe(pos + i));
            }
            v = v << 4 | d;
        }
        pos += 4;
        return (char) v;
    }

    /** {@code -?(0|[1-9][0-9]*)}; a fraction or exponent is refused rather than rounded. */
    private JsonInteger integer() {
        int start = pos;
        boolean negative = peek() == '-';
        if (negative) {
            pos++;
        }
        if (!isDigit(peek())) {
            throw error(pos, "expected a digit, found " + describe(pos));
        }
        if (peek() == '0' && isDigit(peekAt(pos + 1))) {
            throw error(pos, "leading zero in number");
        }
        long magnitude = 0;
        while (isDigit(peek())) {
            magnitude = magnitude * 10 + (in[pos++] - '0');
            if (magnitude > JsonInteger.MAX_SAFE) {
                while (isDigit(peek())) {
                    pos++;
                }
                throw error(start, "integer out of the range [-(2^53-1), 2^53-1]: " + text(start, pos));
            }
        }
        int next = peek();
        if (next == '.' || next == 'e' || next == 'E') {
            throw error(
                    start,
                    "non-integer number starting " + text(start, Math.min(in.length, pos + 8))
                            + "; Cairn's signed structures carry integers only");
        }
        return new JsonInteger(negative ? -magnitude : magnitude);
    }

    private JsonValue literal(String word, JsonValue value) {
        for (int i = 0; i < word.length(); i++) {
            if (peekAt(pos + i) != word.charAt(i)) {
                throw error(pos, "expected '" + word + "', found " + describe(pos));
            }
        }
        pos += word.length();
        return value;
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error(pos, "expected '" + c + "', found " + describe(pos));
        }
        pos++;
    }

    private void skipWhitespace() {
        while (pos < in.length && (in[pos] == ' ' || in[pos] == '\n' || in[pos] == '\r' || in[pos] == '\t')) {
            pos++;
        }
    }

    /** The byte at the current position, or -1 at the end. */
    private int peek() {
        return peekAt(pos);
    }

    private int peekAt(int i) {
        return i < in.length ? in[i] & 0xff : -1;
    }

    /** A byte that stands for itself inside a string: printable ASCII (or DEL) other than quote and backslash. */
    private static boolean isPlainAscii(byte b) {
        return b >= 0x20 && b != '"' && b != '\\';
    }

    private static boolean isDigit(int b) {
        return b >= '0' && b <= '9';
    }

    private String text(int from, int to) {
        return new String(in, from, to - from, StandardCharsets.UTF_8);
    }

    private String describe(int i) {
        return i >= in.length ? "end of input" : describeChar(in[i] & 0xff);
    }

    private static String describeChar(int b) {
        return b >= 0x21 && b < 0x7f ? "'" + (char) b + "'" : String.format("byte 0x%02x", b);
    }

    private MalformedJsonException error(int offset, String problem) {
        return new MalformedJsonException(offset, problem);
    }
}
