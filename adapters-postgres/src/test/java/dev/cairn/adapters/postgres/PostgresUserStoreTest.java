package dev.cairn.adapters.postgres;

import static dev.cairn.adapters.postgres.schema.Tables.USERS;

import dev.cairn.core.user.UserStore;
import dev.cairn.core.user.UserStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The user store contract, against real PostgreSQL. */
class PostgresUserStoreTest extends UserStoreContract {
    @RegisterExtension
    static final FreshDatabase database = new FreshDatabase();

    @Override
    protected UserStore newStore() {
        database.dsl().truncate(USERS).cascade().execute();
        return new PostgresUserStore(database.dsl());
    }
}
