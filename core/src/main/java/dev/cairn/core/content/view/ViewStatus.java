package dev.cairn.core.content.view;

import java.util.Locale;

/**
 * Where a content, or one of its renditions, stands for the viewer. A derivative's own {@link
 * dev.cairn.core.conversion.DerivativeStatus} maps one to one, except that a failure is {@link #UNAVAILABLE} to
 * everyone but the owner (who alone is told why).
 */
public enum ViewStatus {
    /** Nothing started yet. */
    PENDING,
    /** Conversion is under way: some renditions are being made or still wait while others are done. */
    PROCESSING,
    /** Every rendition the content's kind calls for is ready. */
    READY,
    /** Conversion ended and some rendition failed; only the owner sees this, with the reasons. */
    FAILED,
    /** What a viewer other than the owner sees instead of {@link #FAILED}: neutral, no reason given. */
    UNAVAILABLE;

    /** The lower-case wire form. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
