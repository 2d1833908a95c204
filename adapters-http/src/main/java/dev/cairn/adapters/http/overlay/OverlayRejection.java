package dev.cairn.adapters.http.overlay;

import dev.cairn.adapters.http.error.ApiException;
import java.util.Objects;

/** An overlay envelope this node refuses, with the reason; {@link #toApiException} gives its HTTP form. */
public final class OverlayRejection extends RuntimeException {

    /** Why an envelope is refused; each reason has its own API error code and status (docs/protocol.md). */
    public enum Reason {
        PAYLOAD_TOO_LARGE(413),
        MALFORMED_JSON(400),
        UNSUPPORTED_SCHEMA_VERSION(400),
        MALFORMED_MESSAGE(400),
        WRONG_RECIPIENT(400),
        TIMESTAMP_OUT_OF_WINDOW(400),
        NODE_ID_MISMATCH(400),
        UNKNOWN_SENDER(403),
        BAD_SIGNATURE(401),
        NONCE_REPLAYED(409),
        INVALID_RECORD(400),
        REPLAY_CACHE_FULL(503),
        MESSAGE_REFUSED(422);

        private final int status;

        Reason(int status) {
            this.status = status;
        }

        /** The HTTP status of a refusal for this reason. */
        public int status() {
            return status;
        }

        /** The API error code: the reason's name in lower snake case, such as {@code nonce_replayed}. */
        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Reason reason;

    public OverlayRejection(Reason reason, String message) {
        this(reason, message, null);
    }

    public OverlayRejection(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }

    public ApiException toApiException() {
        return new ApiException(reason.status(), reason.code(), getMessage());
    }
}
