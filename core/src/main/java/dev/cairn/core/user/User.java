package dev.cairn.core.user;

import java.time.Instant;
import java.util.Objects;

/** A person known to this node: their latest Telegram profile, when the node first and last saw them. */
public record User(TelegramProfile profile, Instant firstSeen, Instant lastSeen) {
    public User {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastSeen, "lastSeen");
        if (lastSeen.isBefore(firstSeen)) {
            throw new IllegalArgumentException("last seen " + lastSeen + " is before first seen " + firstSeen);
        }
    }

    public long telegramId() {
        return profile.telegramId();
    }
}
