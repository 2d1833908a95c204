package dev.cairn.adapters.postgres;

import static dev.cairn.adapters.postgres.schema.Tables.KNOWN_PEERS;

import dev.cairn.core.membership.PeerBook;
import dev.cairn.core.membership.PeerBookContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The peer book contract, against real PostgreSQL. */
class PostgresPeerBookTest extends PeerBookContract {
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
    protected PeerBook newBook() {
        database.dsl().truncate(KNOWN_PEERS).execute();
        return new PostgresPeerBook(database.dsl());
    }
}
