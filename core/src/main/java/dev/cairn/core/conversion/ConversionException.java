package dev.cairn.core.conversion;

import java.util.Objects;

/** A conversion that failed, with a reason a job records and a message a person can read. */
public final class ConversionException extends Exception {
    private static final long serialVersionUID = 1L;

    private final ConversionFailure reason;

    public ConversionException(ConversionFailure reason, String message) {
        this(reason, message, null);
    }

    public ConversionException(ConversionFailure reason, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public ConversionFailure reason() {
        return reason;
    }
}
