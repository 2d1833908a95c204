package dev.cairn.core.membership;

import java.util.Objects;

/** A handshake, response or receipt that this node refuses; {@link #reason()} says which check failed. */
public final class HandshakeRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final RejectionReason reason;

    public HandshakeRejectedException(RejectionReason reason, String message) {
        super(reason + ": " + message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public HandshakeRejectedException(RejectionReason reason, String message, Throwable cause) {
        super(reason + ": " + message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public RejectionReason reason() {
        return reason;
    }
}
