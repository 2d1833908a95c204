package dev.cairn.app.config;

import dev.cairn.core.auth.Authenticator;
import dev.cairn.core.auth.BotToken;
import dev.cairn.core.auth.InitDataValidator;
import dev.cairn.core.port.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The bots and how users are authenticated. Bot tokens print masked.
 *
 * @param uploaderBotToken {@code TELEGRAM_UPLOADER_BOT_TOKEN}: the bot users upload through
 * @param clientBotToken {@code TELEGRAM_CLIENT_BOT_TOKEN}: the bot that opens the Mini App; its token checks
 *     {@code initData}
 * @param initDataMaxAge {@code TELEGRAM_INIT_DATA_MAX_AGE_SEC}: how old a Mini App's {@code initData} may be
 * @param localMode {@code LOCAL_MODE}: requests without {@code initData} are the local user (checked at start-up to be
 *     safe: see {@code docs/authentication.md})
 */
public record AuthConfig(
        Optional<BotToken> uploaderBotToken,
        Optional<BotToken> clientBotToken,
        Duration initDataMaxAge,
        boolean localMode) {
    /** How far ahead of this node's clock an {@code auth_date} may be: clocks of phones and servers differ a little. */
    public static final Duration INIT_DATA_FUTURE_SKEW = Duration.ofSeconds(60);

    public AuthConfig {
        Objects.requireNonNull(uploaderBotToken, "uploaderBotToken");
        Objects.requireNonNull(clientBotToken, "clientBotToken");
        Objects.requireNonNull(initDataMaxAge, "initDataMaxAge");
    }

    /** The request authenticator, or empty if no user can authenticate (no client bot and not local mode). */
    public Optional<Authenticator> authenticator(Clock clock) {
        Optional<InitDataValidator> telegram =
                clientBotToken.map(token -> new InitDataValidator(token, initDataMaxAge, INIT_DATA_FUTURE_SKEW, clock));
        if (telegram.isEmpty() && !localMode) {
            return Optional.empty();
        }
        return Optional.of(new Authenticator(telegram, localMode));
    }
}
