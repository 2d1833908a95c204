package dev.cairn.core.encryption;

/** A wrapped content key could not be opened; {@link #reason()} says why, the message says what to check. */
public final class KeyUnwrapException extends RuntimeException {

    /** Why unwrapping failed. */
    public enum Reason {
        /** The key was wrapped under another master key (its id differs from this node's). */
        WRONG_MASTER_KEY,
        /**
         * The GCM tag did not verify: the wrapped bytes were altered, or they belong to another content/context, or
         * (with a 2^-32 chance of an id collision) another master key.
         */
        AUTHENTICATION_FAILED
    }

    private final Reason reason;

    KeyUnwrapException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
