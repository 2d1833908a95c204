package dev.cairn.adapters.http.ipfs;

import java.io.IOException;

/**
 * A failed Kubo call, with the outcome it is counted under in {@code ipfs_requests_total}. Callers see an
 * {@link IOException} whose message names the endpoint and the cause.
 */
final class KuboFailure extends IOException {
    /** Kubo answered with an error: a non-200 status, an error object, or a stream that ended without a result. */
    static final String KUBO_ERROR = "kubo_error";
    /** Kubo stayed silent longer than the timeout, or the connection could not be set up in time. */
    static final String TIMEOUT = "timeout";
    /** No connection, or it broke: the daemon is down or restarting. */
    static final String UNREACHABLE = "unreachable";
    /** An answer this client cannot use: not JSON, too long, or without the expected fields. */
    static final String BAD_ANSWER = "bad_answer";

    /** The blob to add could not be read from the caller's stream: not Kubo's doing. */
    static final String READ_ERROR = "read_error";

    private final String outcome;

    KuboFailure(String outcome, String message) {
        super(message);
        this.outcome = outcome;
    }

    KuboFailure(String outcome, String message, Throwable cause) {
        super(message, cause);
        this.outcome = outcome;
    }

    String outcome() {
        return outcome;
    }
}
