package dev.cairn.core.auth;

/** Why a request could not be authenticated; each reason has a stable code that the HTTP adapter returns with 401. */
public enum AuthFailure {
    /** No {@code initData} was sent and local mode is off. */
    MISSING("auth_missing"),
    /** The {@code initData} is not a well-formed query string (bad percent-escape, bad UTF-8, duplicate key, too long). */
    MALFORMED("auth_malformed"),
    /** The {@code hash} field is absent or not 64 hex digits. */
    MISSING_HASH("auth_missing_hash"),
    /** The {@code hash} does not match: tampered data, or signed for another bot. */
    BAD_HASH("auth_bad_hash"),
    /** The {@code auth_date} field is absent or not a decimal number of seconds. */
    MISSING_AUTH_DATE("auth_missing_auth_date"),
    /** The {@code auth_date} is older than the allowed age. */
    STALE("auth_stale"),
    /** The {@code auth_date} lies in the future by more than the allowed clock skew. */
    FROM_FUTURE("auth_from_future"),
    /** The {@code user} field is absent (the Mini App was not opened by a user). */
    MISSING_USER("auth_missing_user"),
    /** The {@code user} field is not the JSON object Telegram sends. */
    MALFORMED_USER("auth_malformed_user"),
    /**
     * {@code initData} was sent to a node with no client bot token to check it against (a local-mode node): refused
     * rather than silently taken for the local user.
     */
    UNCHECKABLE("auth_uncheckable");

    private final String code;

    AuthFailure(String code) {
        this.code = code;
    }

    /** The machine-readable code put in the 401 body, e.g. {@code auth_bad_hash}. */
    public String code() {
        return code;
    }
}
