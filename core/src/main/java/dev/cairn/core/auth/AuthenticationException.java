package dev.cairn.core.auth;

import java.util.Objects;

/** A request that cannot be authenticated; the HTTP adapter answers 401 with {@link #reason()}'s code. */
public final class AuthenticationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final AuthFailure reason;

    public AuthenticationException(AuthFailure reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public AuthFailure reason() {
        return reason;
    }
}
