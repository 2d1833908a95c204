package dev.cairn.core.user;

import java.time.Instant;
import java.util.Optional;

/** Port: the users of this node. {@link InMemoryUserStore} is the JDK-only implementation; PostgreSQL persists them. */
public interface UserStore {
    /**
     * Creates the user of {@code profile} or updates the stored one to it, atomically; {@code firstSeen} is kept,
     * {@code lastSeen} becomes {@code seenAt} unless the stored one is later (a delayed request never moves it back).
     */
    User upsert(TelegramProfile profile, Instant seenAt);

    Optional<User> find(long telegramId);
}
