package dev.cairn.core.auth;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A Telegram bot token, {@code <bot id>:<secret>}. A secret: {@link #toString()} shows only the bot id, which is public,
 * so a token that reaches a log or an error message leaks nothing.
 */
public final class BotToken {
    private static final Pattern FORMAT = Pattern.compile("([1-9][0-9]{0,19}):([A-Za-z0-9_-]{20,100})");

    /** What a valid token looks like, for error messages. */
    public static final String FORMAT_DESCRIPTION = "<bot id>:<secret>, digits, a colon, then 20-100 of [A-Za-z0-9_-]";

    private final String value;
    private final String botId;

    private BotToken(String value, String botId) {
        this.value = value;
        this.botId = botId;
    }

    /**
     * Parses a token as BotFather prints it.
     *
     * @throws IllegalArgumentException with the token {@link #mask masked}
     */
    public static BotToken of(String value) {
        Objects.requireNonNull(value, "bot token");
        var m = FORMAT.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "not a bot token: '" + mask(value) + "'; expected " + FORMAT_DESCRIPTION);
        }
        return new BotToken(value, m.group(1));
    }

    /**
     * A token shown without its secret: the bot id part if there is one, then {@code ****}. Safe to log even when
     * {@code value} is not a valid token (a mistyped secret is still a secret).
     */
    public static String mask(String value) {
        int colon = value.indexOf(':');
        String id = colon > 0 ? value.substring(0, colon) : "";
        return id.matches("[0-9]{1,20}") ? id + ":****" : "****";
    }

    /** The bot's numeric id, the public part before the colon. */
    public String botId() {
        return botId;
    }

    /** The whole token; only for signing keys and the Bot API, never for logs. */
    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BotToken other && other.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "BotToken[" + botId + ":****]";
    }
}
