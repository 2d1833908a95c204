package dev.cairn.adapters.telegram.bot;

import java.util.Optional;

/**
 * The Bot API refused a call ({@code "ok": false}) or could not be reached. The message names the method and
 * Telegram's {@code description}; never the bot token.
 */
public final class BotApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** {@code error_code} for "the user blocked the bot or never started it". */
    public static final int FORBIDDEN = 403;

    private final String method;
    private final int errorCode;
    private final String description;

    /** Telegram answered {@code "ok": false} with {@code errorCode} and {@code description}. */
    public BotApiException(String method, int errorCode, String description) {
        super(method + " failed: " + errorCode + " " + description);
        this.method = method;
        this.errorCode = errorCode;
        this.description = description;
    }

    /** The call did not get an answer (connection refused, timeout, a body that is not the Bot API's JSON). */
    public BotApiException(String method, Throwable cause) {
        super(method + " failed: " + cause, cause);
        this.method = method;
        this.errorCode = 0;
        this.description = String.valueOf(cause.getMessage());
    }

    public String method() {
        return method;
    }

    /** Telegram's {@code error_code}; empty when no answer came. */
    public Optional<Integer> errorCode() {
        return errorCode == 0 ? Optional.empty() : Optional.of(errorCode);
    }

    /** Telegram's {@code description}, or what kept the call from being answered. */
    public String description() {
        return description;
    }

    /** The user blocked the bot or never started it: nothing can be sent to them, and that is no fault. */
    public boolean forbidden() {
        return errorCode == FORBIDDEN;
    }
}
