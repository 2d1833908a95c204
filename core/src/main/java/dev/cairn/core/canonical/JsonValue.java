package dev.cairn.core.canonical;

/**
 * A JSON value restricted to what Cairn signs: objects, arrays, strings, integers, booleans and null.
 *
 * <p>Every instance can be encoded canonically: the records check their own invariants (no lone surrogates, integers
 * within the range every JSON implementation reads exactly), so {@link CanonicalJson#encode} never fails.
 */
public sealed interface JsonValue permits JsonObject, JsonArray, JsonString, JsonInteger, JsonBoolean, JsonNull {

    /** A short name for error messages ("object", "string", ...). */
    default String typeName() {
        return switch (this) {
            case JsonObject o -> "object";
            case JsonArray a -> "array";
            case JsonString s -> "string";
            case JsonInteger i -> "integer";
            case JsonBoolean b -> "boolean";
            case JsonNull n -> "null";
        };
    }

    static JsonString of(String value) {
        return new JsonString(value);
    }

    static JsonInteger of(long value) {
        return new JsonInteger(value);
    }

    static JsonBoolean of(boolean value) {
        return JsonBoolean.of(value);
    }
}
