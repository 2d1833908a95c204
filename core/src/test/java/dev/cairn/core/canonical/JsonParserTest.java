package dev.cairn.core.canonical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonParserTest {

    @Test
    void parsesEveryKindOfValue() {
        JsonValue value = JsonParser.parse(
                " {\"o\": {\"k\": [1, -2, 0, true, false, null]}, \"s\" : \"a\\u00e9\\n\\/\\uD83D\\uDE00\"}\r\n\t");

        assertThat(value)
                .isEqualTo(JsonObject.builder()
                        .put(
                                "o",
                                JsonObject.builder()
                                        .put(
                                                "k",
                                                JsonArray.of(
                                                        JsonValue.of(1),
                                                        JsonValue.of(-2),
                                                        JsonValue.of(0),
                                                        JsonBoolean.TRUE,
                                                        JsonBoolean.FALSE,
                                                        JsonNull.INSTANCE))
                                        .build())
                        .put("s", "aé\n/\uD83D\uDE00")
                        .build());
    }

    @Test
    void decodesRawUtf8OfEveryLength() {
        assertThat(JsonParser.parse("\"\u007f\u0080\u07ff\u0800\uffff\uD800\uDC00\uDBFF\uDFFF\""))
                .isEqualTo(JsonValue.of("\u007f\u0080\u07ff\u0800\uffff\uD800\uDC00\uDBFF\uDFFF"));
    }

    @Test
    void decodesWhatFollowsARunOfPlainAscii() {
        // Plain ASCII is taken in one copy; escapes and UTF-8 after such a run must still be decoded, each kind.
        assertThat(JsonParser.parse("\"abc\\\"d\\u00e9e\u00e9\\n\u007f\""))
                .isEqualTo(JsonValue.of("abc\"d\u00e9e\u00e9\n\u007f"));
        assertThat(JsonParser.parse("\"" + "0123456789abcdef".repeat(8) + "\""))
                .isEqualTo(JsonValue.of("0123456789abcdef".repeat(8)));
        assertThat(JsonParser.parse("\"\"")).isEqualTo(JsonValue.of(""));
    }

    @Test
    void refusesWhatFollowsARunOfPlainAsciiAtItsOwnOffset() {
        assertRefused("\"abcd\u0001\"", 5).hasMessageContaining("U+0001");
        assertRefused("\"abcd", 5).hasMessageContaining("unterminated string");
        assertRefused("\"ab\\x\"", 3).hasMessageContaining("invalid escape \\x");
        assertThatThrownBy(() -> JsonParser.parse(HexFormat.of().parseHex("226162c0af22")))
                .isInstanceOfSatisfying(
                        MalformedJsonException.class,
                        e -> assertThat(e.offset()).isEqualTo(3));
    }

    @Test
    void readsMinusZeroAsZero() {
        assertThat(JsonParser.parse("-0")).isEqualTo(JsonValue.of(0));
    }

    @Test
    void acceptsTheLargestSafeIntegers() {
        assertThat(JsonParser.parse("[9007199254740991,-9007199254740991]"))
                .isEqualTo(JsonArray.of(JsonValue.of(JsonInteger.MAX_SAFE), JsonValue.of(JsonInteger.MIN_SAFE)));
    }

    @Test
    void refusesDuplicateKeysAtTheSecondKey() {
        assertRefused("{\"a\":1,\"b\":2,\"a\":3}", 13).hasMessageContaining("duplicate key \"a\"");
    }

    @Test
    void refusesKeysThatAreDuplicatesOnlyAfterUnescaping() {
        assertRefused("{\"a\":1,\"\\u0061\":2}", 7).hasMessageContaining("duplicate key \"a\"");
    }

    @Test
    void refusesTrailingGarbage() {
        assertRefused("{} x", 3).hasMessageContaining("trailing data");
        assertRefused("1 2", 2).hasMessageContaining("trailing data");
        assertRefused("{}}", 2).hasMessageContaining("trailing data");
    }

    @Test
    void refusesNestingDeeperThanTheLimit() {
        var limits = new JsonParser.Limits(1000, 3);

        assertThat(JsonParser.parse("[[[1]]]".getBytes(), limits)).isNotNull();
        assertThatThrownBy(() -> JsonParser.parse("[[{\"a\":[1]}]]".getBytes(), limits))
                .isInstanceOfSatisfying(
                        MalformedJsonException.class,
                        e -> assertThat(e.offset()).isEqualTo(7))
                .hasMessageContaining("nesting deeper than 3 levels");
    }

    @Test
    void defaultDepthLimitStopsHostileNestingWithoutOverflowingTheStack() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);

        assertRefused(deep, 64).hasMessageContaining("nesting deeper than 64");
    }

    @Test
    void refusesInputLargerThanTheLimit() {
        assertThatThrownBy(() -> JsonParser.parse("\"abcdefghij\"".getBytes(), new JsonParser.Limits(10, 5)))
                .isInstanceOf(MalformedJsonException.class)
                .hasMessageContaining("12 bytes exceeds the limit of 10");
    }

    @ParameterizedTest(name = "{0} -> refused at {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "1.5                | 0 | non-integer",
                "1e3                | 0 | non-integer",
                "-2E-1              | 0 | non-integer",
                "1.0                | 0 | non-integer",
                "01                 | 0 | leading zero",
                "-01                | 1 | leading zero",
                "-                  | 1 | expected a digit",
                "+1                 | 0 | expected a value",
                "9007199254740992   | 0 | out of the range",
                "-9007199254740992  | 0 | out of the range",
                "99999999999999999999999 | 0 | out of the range",
                "NaN                | 0 | expected a value",
                "tru                | 0 | expected 'true'",
                "nul                | 0 | expected 'null'",
                "[1,]               | 3 | expected a value",
                "[1 2]              | 3 | expected ',' or ']'",
                "{\"a\" 1}          | 5 | expected ':'",
                "{\"a\":1,}         | 7 | expected a string key",
                "{a:1}              | 1 | expected a string key",
                "{\"a\":1           | 6 | expected ',' or '}'",
                "\"abc              | 4 | unterminated string",
                "\"\\x\"            | 1 | invalid escape \\x",
                "\"\\u12g4\"        | 5 | 4 hex digits",
                "\"\\ud800\"        | 1 | lone surrogate \\ud800",
                "\"\\udc00\"        | 1 | lone surrogate \\udc00",
                "\"\\ud800\\u0041\" | 1 | lone surrogate \\ud800",
                "''                 | 0 | expected a value",
                "' '                | 1 | expected a value",
            })
    void refusesMalformedInputAtTheRightOffset(String input, int offset, String problem) {
        assertRefused(input, offset).hasMessageContaining(problem);
    }

    @Test
    void refusesRawControlCharactersInStrings() {
        assertRefused("\"a\nb\"", 2).hasMessageContaining("unescaped control character U+000A");
        assertRefused("\"\u0000\"", 1).hasMessageContaining("U+0000");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "overlong slash, 22c0af22, 1",
        "overlong 3-byte, 22e080af22, 2",
        "overlong 4-byte, 22f08080af22, 2",
        "encoded surrogate, 22eda08022, 2",
        "above U+10FFFF, 22f490808022, 2",
        "lead byte F5, 22f58080808022, 1",
        "stray continuation byte, 228022, 1",
        "truncated sequence, 22e282, 1",
        "sequence cut by the quote, 22e2822222, 3",
    })
    void refusesMalformedUtf8(String name, String hex, int offset) {
        assertThatThrownBy(() -> JsonParser.parse(HexFormat.of().parseHex(hex)))
                .isInstanceOfSatisfying(
                        MalformedJsonException.class,
                        e -> assertThat(e.offset()).isEqualTo(offset))
                .hasMessageContaining("UTF-8");
    }

    @Test
    void refusesAByteOrderMark() {
        assertThatThrownBy(() -> JsonParser.parse(HexFormat.of().parseHex("efbbbf7b7d")))
                .isInstanceOf(MalformedJsonException.class)
                .hasMessageContaining("byte order mark");
    }

    @Test
    void theExceptionCarriesOffsetAndProblemSeparately() {
        var e = (MalformedJsonException) catchRefusal("[1,]");

        assertThat(e.offset()).isEqualTo(3);
        assertThat(e.problem()).startsWith("expected a value");
        assertThat(e.getMessage()).isEqualTo("malformed JSON at byte 3: " + e.problem());
    }

    @Test
    void limitsThemselvesAreChecked() {
        assertThatThrownBy(() -> new JsonParser.Limits(0, 10)).hasMessageContaining("maxBytes must be >= 1: 0");
        assertThatThrownBy(() -> new JsonParser.Limits(10, 0)).hasMessageContaining("maxDepth must be in [1, 1000]: 0");
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(String input, int offset) {
        return assertThat(catchRefusal(input))
                .isInstanceOfSatisfying(
                        MalformedJsonException.class,
                        e -> assertThat(e.offset()).as("offset").isEqualTo(offset));
    }

    private static Throwable catchRefusal(String input) {
        try {
            JsonParser.parse(input);
        } catch (MalformedJsonException e) {
            return e;
        }
        throw new AssertionError("parsed without complaint: " + input);
    }
}
