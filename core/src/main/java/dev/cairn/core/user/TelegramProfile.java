package dev.cairn.core.user;

import java.util.Objects;
import java.util.Optional;

/**
 * Who a Telegram client says its user is, after the {@code initData} signature was checked: the {@code user} object
 * of Telegram's WebApp init data.
 */
public record TelegramProfile(
        long telegramId,
        String firstName,
        Optional<String> lastName,
        Optional<String> username,
        Optional<String> languageCode,
        boolean premium) {
    public TelegramProfile {
        if (telegramId <= 0) {
            throw new IllegalArgumentException("a Telegram user id is a positive integer: " + telegramId);
        }
        Objects.requireNonNull(firstName, "firstName");
        Objects.requireNonNull(lastName, "lastName");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(languageCode, "languageCode");
    }
}
