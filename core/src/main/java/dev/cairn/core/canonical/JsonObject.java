package dev.cairn.core.canonical;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A JSON object; immutable, its members iterated in canonical order.
 *
 * <p>Canonical order is RFC 8785's: keys compared as sequences of UTF-16 code units, which is exactly
 * {@link String#compareTo}. Holding the members in that order makes encoding a plain walk, and two objects with the same
 * members are equal however they were built.
 */
public record JsonObject(Map<String, JsonValue> members) implements JsonValue {
    public static final JsonObject EMPTY = new JsonObject(Map.of());

    public JsonObject {
        var sorted = new TreeMap<String, JsonValue>();
        members.forEach((key, value) -> {
            JsonString.requireWellFormed(key);
            sorted.put(key, Objects.requireNonNull(value, () -> "null value for key \"" + key + "\""));
        });
        members = Collections.unmodifiableSortedMap(sorted);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<JsonValue> get(String key) {
        return Optional.ofNullable(members.get(key));
    }

    /**
     * The member {@code key}, which must be present and of {@code type}.
     *
     * @throws IllegalArgumentException naming the key and what was found instead
     */
    public <T extends JsonValue> T require(String key, Class<T> type) {
        JsonValue value = members.get(key);
        if (value == null) {
            throw new IllegalArgumentException("missing field \"" + key + "\"");
        }
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException(
                    "field \"" + key + "\" is " + article(value.typeName()) + ", expected " + expected(type));
        }
        return type.cast(value);
    }

    public boolean has(String key) {
        return members.containsKey(key);
    }

    /** This object with {@code key} set to {@code value} (replacing any previous value). */
    public JsonObject with(String key, JsonValue value) {
        var copy = new LinkedHashMap<>(members);
        copy.put(key, value);
        return new JsonObject(copy);
    }

    /** This object without {@code key}; the same object if it had none. */
    public JsonObject without(String key) {
        if (!members.containsKey(key)) {
            return this;
        }
        var copy = new LinkedHashMap<>(members);
        copy.remove(key);
        return new JsonObject(copy);
    }

    private static String expected(Class<? extends JsonValue> type) {
        String name = type.getSimpleName().replace("Json", "").toLowerCase(java.util.Locale.ROOT);
        return name.equals("value") ? "a value" : article(name);
    }

    private static String article(String typeName) {
        return (typeName.matches("[aeiou].*") ? "an " : "a ") + typeName;
    }

    /** Collects members; refuses a key given twice, which in hand-written code is always a mistake. */
    public static final class Builder {
        private final Map<String, JsonValue> members = new LinkedHashMap<>();

        private Builder() {}

        public Builder put(String key, JsonValue value) {
            Objects.requireNonNull(value, "value");
            if (members.putIfAbsent(key, value) != null) {
                throw new IllegalArgumentException("duplicate key \"" + key + "\"");
            }
            return this;
        }

        public Builder put(String key, String value) {
            return put(key, new JsonString(value));
        }

        public Builder put(String key, long value) {
            return put(key, new JsonInteger(value));
        }

        public Builder put(String key, boolean value) {
            return put(key, JsonBoolean.of(value));
        }

        public JsonObject build() {
            return new JsonObject(members);
        }
    }
}
