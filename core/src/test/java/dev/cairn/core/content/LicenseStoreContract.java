package dev.cairn.core.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.hash.Digest256;
import dev.cairn.core.id.ContentId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link LicenseStore} must do; each implementation's test extends this. A database implementation makes
 * the users {@link #ADA} and {@link #BO}, the contents {@link #SONG} and {@link #FILM} and payments exist first.
 */
public abstract class LicenseStoreContract {
    protected static final long ADA = 42;
    protected static final long BO = 7;
    protected static final ContentId SONG = id("song");
    protected static final ContentId FILM = id("film");
    protected static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    protected LicenseStore store;

    protected abstract LicenseStore newStore();

    /** Called before each test: make the users and contents exist where licenses need them. */
    protected void usersAndContentsExist() {}

    /** A paid payment of {@code user} for {@code content}: its id (any unique number where there is no table). */
    protected abstract long payment(long user, ContentId content);

    @BeforeEach
    void open() {
        store = newStore();
        usersAndContentsExist();
    }

    protected static ContentId id(String seed) {
        return new ContentId(Digest256.blake3(seed.getBytes(StandardCharsets.UTF_8)));
    }

    private static License granted(long user, ContentId content) {
        return new License(user, content, LicenseSource.GRANT, OptionalLong.empty(), T0);
    }

    @Test
    void nobodyHoldsALicenseUntilOneIsGranted() {
        assertThat(store.has(ADA, SONG)).isFalse();
        assertThat(store.find(ADA, SONG)).isEmpty();
    }

    @Test
    void aGrantedLicenseIsFoundAsGrantedForThatUserAndContentOnly() {
        License license = granted(ADA, SONG);

        assertThat(store.grant(license)).isTrue();

        assertThat(store.has(ADA, SONG)).isTrue();
        assertThat(store.find(ADA, SONG)).contains(license);
        assertThat(store.has(BO, SONG)).isFalse();
        assertThat(store.has(ADA, FILM)).isFalse();
    }

    @Test
    void aPurchasedLicenseKeepsItsPayment() {
        long payment = payment(ADA, FILM);
        License license = new License(ADA, FILM, LicenseSource.PURCHASE, OptionalLong.of(payment), T0);

        assertThat(store.grant(license)).isTrue();

        assertThat(store.find(ADA, FILM)).contains(license);
    }

    @Test
    void grantingAgainIsHarmlessAndKeepsTheFirstLicense() {
        License first = granted(ADA, SONG);
        store.grant(first);
        long payment = payment(ADA, SONG);

        assertThat(store.grant(granted(ADA, SONG))).isFalse();
        assertThat(store.grant(
                        new License(ADA, SONG, LicenseSource.PURCHASE, OptionalLong.of(payment), T0.plusSeconds(9))))
                .isFalse();

        assertThat(store.find(ADA, SONG)).contains(first);
    }

    @Test
    void aRevokedLicenseIsGoneAndCanBeGrantedAgain() {
        store.grant(granted(ADA, SONG));
        store.grant(granted(BO, SONG));

        assertThat(store.revoke(ADA, SONG)).isTrue();

        assertThat(store.has(ADA, SONG)).isFalse();
        assertThat(store.has(BO, SONG)).isTrue();
        assertThat(store.revoke(ADA, SONG)).isFalse();
        assertThat(store.grant(granted(ADA, SONG))).isTrue();
    }

    @Test
    void theLicensesAUserHoldsAreListedNewestFirstUpToTheLimitAndNobodyElses() {
        License song = granted(BO, SONG);
        License film =
                new License(BO, FILM, LicenseSource.PURCHASE, OptionalLong.of(payment(BO, FILM)), T0.plusSeconds(10));
        License adas = new License(ADA, SONG, LicenseSource.GRANT, OptionalLong.empty(), T0.plusSeconds(5));
        List.of(song, film, adas).forEach(store::grant);

        assertThat(store.heldBy(BO, Optional.empty(), 10)).containsExactly(film, song);
        assertThat(store.heldBy(BO, Optional.empty(), 1)).containsExactly(film);
        assertThat(store.heldBy(BO, Optional.empty(), 0)).isEmpty();
        assertThat(store.heldBy(ADA, Optional.empty(), 10)).containsExactly(adas);
        assertThat(store.heldBy(1234, Optional.empty(), 10)).isEmpty();
    }

    @Test
    void theNextPageOfLicensesStartsStrictlyBeforeTheGivenTimeAndARevokedOneIsNotListed() {
        store.grant(granted(BO, SONG));
        License film = new License(BO, FILM, LicenseSource.GRANT, OptionalLong.empty(), T0.plusSeconds(10));
        store.grant(film);

        assertThat(store.heldBy(BO, Optional.of(T0.plusSeconds(10)), 10)).containsExactly(granted(BO, SONG));
        assertThat(store.heldBy(BO, Optional.of(T0), 10)).isEmpty();

        store.revoke(BO, SONG);

        assertThat(store.heldBy(BO, Optional.empty(), 10)).containsExactly(film);
    }

    @Test
    void aNegativeLimitForHeldLicensesIsRefusedNamingIt() {
        assertThatThrownBy(() -> store.heldBy(BO, Optional.empty(), -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }
}
