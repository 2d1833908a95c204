package dev.cairn.adapters.http.error;

import java.util.Objects;

/**
 * A request the API refuses, with the HTTP status, a stable machine-readable {@code code} (lower snake case, such as
 * {@code malformed_json} or {@code nonce_replayed}) and a message for people that names what was wrong. The server's
 * one exception mapper turns it into the error body {@code {code, message, error_id, session_id}}; handlers throw it
 * and never write error bodies themselves.
 */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String code;

    public ApiException(int status, String code, String message) {
        this(status, code, message, null);
    }

    /**
     * @param cause what failed underneath; logged with the error (with its stack trace for a 5xx), never sent
     */
    public ApiException(int status, String code, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause, false, false);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an API error has a 4xx or 5xx status: " + status);
        }
        if (!code.matches("[a-z][a-z0-9_]{0,63}")) {
            throw new IllegalArgumentException("an API error code is lower snake case: '" + code + "'");
        }
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
