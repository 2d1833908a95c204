package dev.cairn.adapters.postgres;

import static dev.cairn.adapters.postgres.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.content.view.PriceStore;
import dev.cairn.core.content.view.PriceStoreContract;
import dev.cairn.core.content.view.Prices;
import dev.cairn.core.port.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The price store contract against real PostgreSQL, and that a deleted content takes its prices with it. */
class PostgresPriceStoreTest extends PriceStoreContract {
    private static final long OWNER = 42;

    @RegisterExtension
    static final FreshDatabase database = new FreshDatabase();

    @Override
    protected PriceStore newStore() {
        database.dsl().truncate(USERS).cascade().execute();
        return new PostgresPriceStore(database.dsl(), new ManualClock(0));
    }

    @Override
    protected void contentsExist() {
        TestRows.userExists(database.dsl(), OWNER);
        var contents = new PostgresContentStore(database.dsl());
        contents.register(TestRows.content(SONG, OWNER, 0));
        contents.register(TestRows.content(FILM, OWNER, 1));
    }

    @Test
    void aDeletedContentTakesItsPricesWithIt() {
        store.set(SONG, Prices.of(50, 9));

        database.dsl().truncate(USERS).cascade().execute();

        assertThat(store.of(SONG)).isEqualTo(Prices.none());
    }
}
