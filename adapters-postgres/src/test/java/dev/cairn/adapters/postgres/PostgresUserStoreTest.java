package dev.cairn.adapters.postgres;

import static dev.cairn.adapters.postgres.schema.Tables.USERS;

import dev.cairn.core.user.UserStore;
import dev.cairn.core.user.UserStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The user store contract, against real PostgreSQL. */
class PostgresUserStoreTest extends UserStoreContract {
    private static PostgresDatabase database;

    @BeforeAll
    static void openDatabase() {
        database = TestPostgres.freshDatabase();
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    @Override
    protected UserStore newStore() {
        database.dsl().truncate(USERS).cascade().execute();
        return new PostgresUserStore(database.dsl());
    }
}
