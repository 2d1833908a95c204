package dev.cairn.core.conversion;

import java.util.Locale;

/** Where one derivative of a content stands; the {@code derivatives.status} column. */
public enum DerivativeStatus {
    /** Asked for, not started. */
    PENDING,
    /** A worker is making it; {@link Derivative#progressPercent()} says how far. */
    PROCESSING,
    /** Stored and servable. */
    READY,
    /** Given up on; {@link Derivative#failureReason()} says why. */
    FAILED;

    /** The lower-case wire and database form. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
