package dev.cairn.core.content;

/** What a content is, decided by probing its bytes (never by its file name); it decides what is derived from it. */
public enum ContentKind {
    AUDIO,
    VIDEO,
    IMAGE,
    BINARY;

    /** The lower-case wire and database form. */
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
