package dev.cairn.core.auth;

import dev.cairn.core.user.TelegramProfile;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A checked {@code initData}: the user Telegram vouches for, when Telegram signed it, and the Mini App's
 * {@code query_id} if it had one.
 */
public record TelegramLogin(TelegramProfile profile, Instant authDate, Optional<String> queryId) {
    public TelegramLogin {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(authDate, "authDate");
        Objects.requireNonNull(queryId, "queryId");
    }
}
