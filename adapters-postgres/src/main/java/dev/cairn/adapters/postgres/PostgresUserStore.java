package dev.cairn.adapters.postgres;

import static dev.cairn.adapters.postgres.schema.Tables.USERS;
import static org.jooq.impl.DSL.excluded;
import static org.jooq.impl.DSL.greatest;
import static org.jooq.impl.DSL.least;

import dev.cairn.adapters.postgres.schema.tables.records.UsersRecord;
import dev.cairn.core.user.TelegramProfile;
import dev.cairn.core.user.User;
import dev.cairn.core.user.UserStore;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * Users in the {@code users} table. The upsert is one statement ({@code INSERT ... ON CONFLICT DO UPDATE}), so two
 * requests of one user racing on different connections both land: the profile of the later statement wins, first
 * seen is the least and last seen the greatest of all the times given. Times are kept to the microsecond.
 */
public final class PostgresUserStore implements UserStore {
    private final DSLContext dsl;

    public PostgresUserStore(DSLContext dsl) {
        this.dsl = Objects.requireNonNull(dsl, "dsl");
    }

    @Override
    public User upsert(TelegramProfile profile, Instant seenAt) {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(seenAt, "seenAt");
        return dsl.insertInto(USERS)
                .set(USERS.TELEGRAM_ID, profile.telegramId())
                .set(USERS.FIRST_NAME, profile.firstName())
                .set(USERS.LAST_NAME, profile.lastName().orElse(null))
                .set(USERS.USERNAME, profile.username().orElse(null))
                .set(USERS.LANGUAGE_CODE, profile.languageCode().orElse(null))
                .set(USERS.IS_PREMIUM, profile.premium())
                .set(USERS.FIRST_SEEN, seenAt)
                .set(USERS.LAST_SEEN, seenAt)
                .onConflict(USERS.TELEGRAM_ID)
                .doUpdate()
                .set(USERS.FIRST_NAME, excluded(USERS.FIRST_NAME))
                .set(USERS.LAST_NAME, excluded(USERS.LAST_NAME))
                .set(USERS.USERNAME, excluded(USERS.USERNAME))
                .set(USERS.LANGUAGE_CODE, excluded(USERS.LANGUAGE_CODE))
                .set(USERS.IS_PREMIUM, excluded(USERS.IS_PREMIUM))
                .set(USERS.FIRST_SEEN, least(USERS.FIRST_SEEN, excluded(USERS.FIRST_SEEN)))
                .set(USERS.LAST_SEEN, greatest(USERS.LAST_SEEN, excluded(USERS.LAST_SEEN)))
                .returning()
                .fetchSingle(PostgresUserStore::toUser);
    }

    @Override
    public Optional<User> find(long telegramId) {
        return dsl.selectFrom(USERS).where(USERS.TELEGRAM_ID.eq(telegramId)).fetchOptional(PostgresUserStore::toUser);
    }

    private static User toUser(UsersRecord row) {
        var profile = new TelegramProfile(
                row.getTelegramId(),
                row.getFirstName(),
                Optional.ofNullable(row.getLastName()),
                Optional.ofNullable(row.getUsername()),
                Optional.ofNullable(row.getLanguageCode()),
                row.getIsPremium());
        return new User(profile, row.getFirstSeen(), row.getLastSeen());
    }
}
