package dev.cairn.core.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

    @Test
    void writesScalarsWithoutWhitespace() {
        assertThat(text(JsonNull.INSTANCE)).isEqualTo("null");
        assertThat(text(JsonBoolean.TRUE)).isEqualTo("true");
        assertThat(text(JsonBoolean.FALSE)).isEqualTo("false");
        assertThat(text(new JsonInteger(0))).isEqualTo("0");
        assertThat(text(new JsonInteger(-42))).isEqualTo("-42");
        assertThat(text(new JsonInteger(JsonInteger.MAX_SAFE))).isEqualTo("9007199254740991");
        assertThat(text(new JsonInteger(JsonInteger.MIN_SAFE))).isEqualTo("-9007199254740991");
        assertThat(text(JsonArray.EMPTY)).isEqualTo("[]");
        assertThat(text(JsonObject.EMPTY)).isEqualTo("{}");
        assertThat(text(JsonArray.of(JsonValue.of(1), JsonValue.of("a"), JsonNull.INSTANCE)))
                .isEqualTo("[1,\"a\",null]");
    }

    @Test
    void sortsKeysByUtf16CodeUnitsNotByCodePoints() {
        // U+1F600 is D83D DE00 in UTF-16, so it sorts before U+FB33 although its code point is larger.
        var members = new LinkedHashMap<String, JsonValue>();
        members.put("\uFB33", JsonValue.of(1));
        members.put("\uD83D\uDE00", JsonValue.of(2));
        members.put("é", JsonValue.of(3));
        members.put("Z", JsonValue.of(4));
        members.put("a", JsonValue.of(5));
        members.put("\r", JsonValue.of(6));
        members.put("aa", JsonValue.of(7));
        members.put("", JsonValue.of(8));

        assertThat(text(new JsonObject(members)))
                .isEqualTo("{\"\":8,\"\\r\":6,\"Z\":4,\"a\":5,\"aa\":7,\"é\":3,\"\uD83D\uDE00\":2,\"\uFB33\":1}");
    }

    @Test
    void sortsNestedObjectsToo() {
        var inner = new JsonObject(Map.of("b", JsonValue.of(1), "a", JsonValue.of(2)));
        var outer = new JsonObject(Map.of("z", inner, "y", JsonArray.of(inner)));

        assertThat(text(outer)).isEqualTo("{\"y\":[{\"a\":2,\"b\":1}],\"z\":{\"a\":2,\"b\":1}}");
    }

    @Test
    void escapesOnlyQuoteBackslashAndControlCharacters() {
        String all = "\u0000\u001f\b\f\n\r\t\"\\/\u007f\u2028é\uD83D\uDE00";

        assertThat(text(JsonValue.of(all)))
                .isEqualTo("\"\\u0000\\u001f\\b\\f\\n\\r\\t\\\"\\\\/\u007f\u2028é\uD83D\uDE00\"");
    }

    @Test
    void escapesWhatFollowsARunOfCharactersThatNeedNone() {
        // Characters needing no escape are copied in one piece; everything after the first escape must still be seen.
        assertThat(text(JsonValue.of("abc\"d\ne\\f\u0001g"))).isEqualTo("\"abc\\\"d\\ne\\\\f\\u0001g\"");
        assertThat(text(JsonValue.of("abc"))).isEqualTo("\"abc\"");
        assertThat(text(JsonValue.of(""))).isEqualTo("\"\"");
    }

    @Test
    void escapesOtherControlCharactersAsLowercaseHex() {
        assertThat(text(JsonValue.of("\u0001\u000b\u001a\u001b"))).isEqualTo("\"\\u0001\\u000b\\u001a\\u001b\"");
    }

    @Test
    void outputsUtf8() {
        byte[] bytes = CanonicalJson.encode(JsonValue.of("é€\uD83D\uDE00"));

        assertThat(bytes).isEqualTo("\"é€\uD83D\uDE00\"".getBytes(StandardCharsets.UTF_8));
        assertThat(bytes).hasSize(1 + 2 + 3 + 4 + 1);
    }

    @Test
    void memberInsertionOrderDoesNotMatter() {
        var forward =
                JsonObject.builder().put("a", 1).put("b", "x").put("c", true).build();
        var backward =
                JsonObject.builder().put("c", true).put("b", "x").put("a", 1).build();

        assertThat(CanonicalJson.encode(forward)).isEqualTo(CanonicalJson.encode(backward));
        assertThat(forward).isEqualTo(backward);
    }

    @Test
    void arraysKeepTheirOrder() {
        assertThat(text(new JsonArray(List.of(JsonValue.of(3), JsonValue.of(1), JsonValue.of(2)))))
                .isEqualTo("[3,1,2]");
    }

    private static String text(JsonValue value) {
        String text = CanonicalJson.encodeToString(value);
        assertThat(CanonicalJson.encode(value)).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
        return text;
    }
}
