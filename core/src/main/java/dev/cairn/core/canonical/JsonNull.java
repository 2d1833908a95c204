package dev.cairn.core.canonical;

/** The JSON {@code null}. */
public enum JsonNull implements JsonValue {
    INSTANCE
}
