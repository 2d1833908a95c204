package dev.cairn.core.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link UserStore} must do; each implementation's test extends this. */
public abstract class UserStoreContract {
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    protected UserStore store;

    protected abstract UserStore newStore();

    @BeforeEach
    void openStore() {
        store = newStore();
    }

    private static TelegramProfile alice(String firstName) {
        return new TelegramProfile(
                42, firstName, Optional.of("Liddell"), Optional.of("alice"), Optional.of("en"), false);
    }

    @Test
    void anUnknownUserIsAbsent() {
        assertThat(store.find(42)).isEmpty();
    }

    @Test
    void theFirstUpsertCreatesTheUserSeenNow() {
        User user = store.upsert(alice("Alice"), T0);

        assertThat(user).isEqualTo(new User(alice("Alice"), T0, T0));
        assertThat(store.find(42)).contains(user);
    }

    @Test
    void aLaterUpsertTakesTheNewProfileAndKeepsFirstSeen() {
        store.upsert(alice("Alice"), T0);
        User user = store.upsert(alice("Alicia"), T0.plusSeconds(60));

        assertThat(user).isEqualTo(new User(alice("Alicia"), T0, T0.plusSeconds(60)));
        assertThat(store.find(42)).contains(user);
    }

    @Test
    void aDelayedUpsertNeverMovesLastSeenBack() {
        store.upsert(alice("Alice"), T0.plusSeconds(60));
        User user = store.upsert(alice("Alice"), T0);

        assertThat(user.firstSeen()).isEqualTo(T0);
        assertThat(user.lastSeen()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void optionalFieldsRoundTripWhenAbsent() {
        var bare = new TelegramProfile(7, "Bob", Optional.empty(), Optional.empty(), Optional.empty(), true);
        store.upsert(bare, T0);

        assertThat(store.find(7)).map(User::profile).contains(bare);
    }
}
