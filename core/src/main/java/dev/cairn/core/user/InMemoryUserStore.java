package dev.cairn.core.user;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Users in a map: for embedding without a database, and for tests. */
public final class InMemoryUserStore implements UserStore {
    private final ConcurrentMap<Long, User> users = new ConcurrentHashMap<>();

    @Override
    public User upsert(TelegramProfile profile, Instant seenAt) {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(seenAt, "seenAt");
        return users.compute(
                profile.telegramId(),
                (id, old) -> old == null
                        ? new User(profile, seenAt, seenAt)
                        : new User(
                                profile,
                                old.firstSeen().isAfter(seenAt) ? seenAt : old.firstSeen(),
                                old.lastSeen().isAfter(seenAt) ? old.lastSeen() : seenAt));
    }

    @Override
    public Optional<User> find(long telegramId) {
        return Optional.ofNullable(users.get(telegramId));
    }
}
