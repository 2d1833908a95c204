package dev.cairn.core.conversion;

import java.util.Locale;

/** The renditions a content can have; the {@code derivatives.kind} column. */
public enum DerivativeKind {
    /** A short, low-quality excerpt anyone may play. */
    PREVIEW,
    /** The whole content at a modest quality, for licensed users. */
    LOW,
    /** The whole content at the best quality worth serving, for licensed users. */
    HIGH,
    /** A square picture that stands for the content in lists. */
    COVER,
    /** The upload itself, served as it is. */
    ORIGINAL;

    /** The lower-case wire and database form. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether only users holding a license may be served it (the spec's {@code decrypted_low}/{@code _high}). */
    public boolean requiresLicense() {
        return this == LOW || this == HIGH || this == ORIGINAL;
    }
}
