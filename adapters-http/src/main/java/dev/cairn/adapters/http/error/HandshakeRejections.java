package dev.cairn.adapters.http.error;

import dev.cairn.core.membership.HandshakeRejectedException;
import dev.cairn.core.membership.RejectionReason;
import java.util.Locale;

/**
 * The HTTP status of each {@link RejectionReason}; the error {@code code} is the reason in lower snake case.
 *
 * <ul>
 *   <li>400: the message itself is wrong (shape, version, a receipt it presents, a node calling itself);
 *   <li>401: the caller is not who it claims to be right now (id/key mismatch, bad signature, stale or future ts);
 *   <li>409: the handshake was already accepted (replay) or answers nothing in flight;
 *   <li>503: this node cannot take the handshake now (replay cache or member table full); retrying later works.
 * </ul>
 */
public final class HandshakeRejections {
    private HandshakeRejections() {}

    /** The status for {@code reason}; the switch is exhaustive, so a new reason does not compile until mapped. */
    public static int status(RejectionReason reason) {
        return switch (reason) {
            case MALFORMED,
                    UNSUPPORTED_SCHEMA_VERSION,
                    SELF_HANDSHAKE,
                    RECEIPT_ISSUER_MISMATCH,
                    RECEIPT_BAD_SIGNATURE,
                    RECEIPT_EXPIRED,
                    RECEIPT_FROM_FUTURE,
                    RECEIPT_WRONG_TARGET,
                    RECEIPT_WRONG_ISSUER,
                    // Advertisements ride in handshake responses and are dropped one by one, so these reach no
                    // handshake request's answer; mapped for the exhaustive switch.
                    ADVERTISEMENT_EXPIRED,
                    ADVERTISEMENT_FROM_FUTURE -> 400;
            case NODE_ID_MISMATCH, BAD_SIGNATURE, TIMESTAMP_OUT_OF_WINDOW -> 401;
            case NONCE_REPLAYED, UNSOLICITED_RESPONSE -> 409;
            case REPLAY_CACHE_FULL, MEMBERSHIP_FULL -> 503;
        };
    }

    /** {@code NONCE_REPLAYED} becomes {@code nonce_replayed}. */
    public static String code(RejectionReason reason) {
        return reason.name().toLowerCase(Locale.ROOT);
    }

    /** The API error for a refused handshake; the message is core's, which names the failed check and value. */
    public static ApiException toApi(HandshakeRejectedException e) {
        return new ApiException(status(e.reason()), code(e.reason()), e.getMessage());
    }
}
