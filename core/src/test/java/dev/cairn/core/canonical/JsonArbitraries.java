package dev.cairn.core.canonical;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/** Generators of JSON values biased toward what canonicalization gets wrong: escapes, non-BMP text, key order. */
final class JsonArbitraries {
    private JsonArbitraries() {}

    static Arbitrary<JsonValue> values() {
        return value(3);
    }

    static Arbitrary<JsonObject> objects() {
        return objects(2);
    }

    static Arbitrary<String> strings() {
        Arbitrary<Integer> codePoint = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.integers().between(0x20, 0x7e)),
                Tuple.of(2, Arbitraries.integers().between(0x00, 0x1f)),
                Tuple.of(2, Arbitraries.of((int) '"', (int) '\\', (int) '/', 0x7f, 0x80, 0x2028, 0xfeff, 0xffff)),
                Tuple.of(
                        2,
                        Arbitraries.integers()
                                .between(0x80, 0xffff)
                                .filter(c -> !Character.isSurrogate((char) c.intValue()))),
                Tuple.of(1, Arbitraries.integers().between(0x10000, 0x10ffff)));
        return codePoint.list().ofMaxSize(10).map(JsonArbitraries::fromCodePoints);
    }

    private static Arbitrary<JsonValue> value(int depth) {
        Arbitrary<JsonValue> leaves = Arbitraries.oneOf(
                strings().map(JsonString::new),
                Arbitraries.longs()
                        .between(JsonInteger.MIN_SAFE, JsonInteger.MAX_SAFE)
                        .map(JsonInteger::new),
                Arbitraries.of(JsonBoolean.TRUE, JsonBoolean.FALSE, JsonNull.INSTANCE));
        if (depth == 0) {
            return leaves;
        }
        Arbitrary<JsonValue> arrays = value(depth - 1).list().ofMaxSize(4).map(JsonArray::new);
        return Arbitraries.frequencyOf(
                Tuple.of(3, leaves),
                Tuple.of(1, arrays),
                Tuple.of(2, objects(depth - 1).map(JsonValue.class::cast)));
    }

    private static Arbitrary<JsonObject> objects(int depth) {
        return Arbitraries.maps(strings(), value(depth)).ofMaxSize(5).map(JsonObject::new);
    }

    private static String fromCodePoints(List<Integer> codePoints) {
        var out = new StringBuilder();
        codePoints.forEach(out::appendCodePoint);
        return out.toString();
    }
}
