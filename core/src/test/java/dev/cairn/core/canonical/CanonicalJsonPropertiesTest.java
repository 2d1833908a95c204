package dev.cairn.core.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class CanonicalJsonPropertiesTest {

    @Property(tries = 1000)
    void encodeParseEncodeGivesTheSameBytes(@ForAll("values") JsonValue value) {
        byte[] canonical = CanonicalJson.encode(value);
        JsonValue parsed = JsonParser.parse(canonical);

        assertThat(parsed).isEqualTo(value);
        assertThat(CanonicalJson.encode(parsed)).isEqualTo(canonical);
    }

    @Property(tries = 1000)
    void anyValidSpellingOfAValueCanonicalizesToTheSameBytes(@ForAll("values") JsonValue value, @ForAll Random random) {
        String sloppy = SloppyJsonWriter.write(value, random);

        assertThat(CanonicalJson.encode(JsonParser.parse(sloppy)))
                .as("canonical form of %s", sloppy)
                .isEqualTo(CanonicalJson.encode(value));
    }

    @Property(tries = 1000)
    void memberOrderDoesNotChangeTheBytes(@ForAll("objects") JsonObject object, @ForAll Random random) {
        var entries = new ArrayList<>(object.members().entrySet());
        Collections.shuffle(entries, random);
        var reordered = new LinkedHashMap<String, JsonValue>();
        entries.forEach(e -> reordered.put(e.getKey(), e.getValue()));

        assertThat(CanonicalJson.encode(new JsonObject(reordered))).isEqualTo(CanonicalJson.encode(object));
    }

    @Property(tries = 1000)
    void canonicalTextIsItsOwnUtf8(@ForAll("values") JsonValue value) {
        assertThat(new String(CanonicalJson.encode(value), StandardCharsets.UTF_8))
                .isEqualTo(CanonicalJson.encodeToString(value));
    }

    @Property(tries = 1000)
    void arbitraryBytesEitherParseOrFailWithMalformedJson(@ForAll byte[] bytes) {
        assertParsesOrIsRefused(bytes);
    }

    @Property(tries = 1000)
    void damagedCanonicalBytesEitherParseOrFailWithMalformedJson(
            @ForAll("values") JsonValue value, @ForAll Random random) {
        byte[] bytes = CanonicalJson.encode(value);
        bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);

        assertParsesOrIsRefused(bytes);
    }

    @Provide
    Arbitrary<JsonValue> values() {
        return JsonArbitraries.values();
    }

    @Provide
    Arbitrary<JsonObject> objects() {
        return JsonArbitraries.values().filter(JsonObject.class::isInstance).map(JsonObject.class::cast);
    }

    private static void assertParsesOrIsRefused(byte[] bytes) {
        try {
            JsonValue parsed = JsonParser.parse(bytes);
            assertThat(JsonParser.parse(CanonicalJson.encode(parsed))).isEqualTo(parsed);
        } catch (MalformedJsonException expected) {
            assertThat(expected.offset()).isBetween(0, bytes.length);
        }
    }
}
