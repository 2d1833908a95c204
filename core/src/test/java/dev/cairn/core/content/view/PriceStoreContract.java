package dev.cairn.core.content.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.hash.Digest256;
import dev.cairn.core.id.ContentId;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link PriceStore} must do; each implementation's test extends this. A database implementation makes
 * the contents {@link #SONG} and {@link #FILM} exist first.
 */
public abstract class PriceStoreContract {
    protected static final ContentId SONG = id("song");
    protected static final ContentId FILM = id("film");

    protected PriceStore store;

    protected abstract PriceStore newStore();

    /** Called before each test: make the contents exist where prices need them. */
    protected void contentsExist() {}

    @BeforeEach
    void open() {
        store = newStore();
        contentsExist();
    }

    protected static ContentId id(String seed) {
        return new ContentId(Digest256.blake3(seed.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aContentWithoutPricesIsNotForSale() {
        assertThat(store.of(SONG)).isEqualTo(Prices.none());
        assertThat(store.of(SONG).options()).isEmpty();
    }

    @Test
    void pricesAreReadBackAsSetForThatContentOnly() {
        store.set(SONG, Prices.of(50, 1_500_000_000L));

        assertThat(store.of(SONG)).isEqualTo(Prices.of(50, 1_500_000_000L));
        assertThat(store.of(FILM)).isEqualTo(Prices.none());
    }

    @Test
    void oneMethodAloneIsKeptAlone() {
        store.set(SONG, new Prices(OptionalLong.of(10), OptionalLong.empty()));
        store.set(FILM, new Prices(OptionalLong.empty(), OptionalLong.of(7)));

        assertThat(store.of(SONG)).isEqualTo(new Prices(OptionalLong.of(10), OptionalLong.empty()));
        assertThat(store.of(FILM)).isEqualTo(new Prices(OptionalLong.empty(), OptionalLong.of(7)));
    }

    @Test
    void settingAgainReplacesAndNoneTakesTheContentOffSale() {
        store.set(SONG, Prices.of(50, 9));
        store.set(SONG, new Prices(OptionalLong.of(75), OptionalLong.empty()));
        assertThat(store.of(SONG)).isEqualTo(new Prices(OptionalLong.of(75), OptionalLong.empty()));

        store.set(SONG, Prices.none());
        assertThat(store.of(SONG)).isEqualTo(Prices.none());
    }
}
