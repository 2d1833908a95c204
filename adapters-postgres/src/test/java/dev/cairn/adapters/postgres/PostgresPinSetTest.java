package dev.cairn.adapters.postgres;

import static dev.cairn.adapters.postgres.schema.Tables.BLOB_PINS;

import dev.cairn.core.port.ManualClock;
import dev.cairn.core.replication.PinSet;
import dev.cairn.core.replication.PinSetContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The pin set contract, against real PostgreSQL. */
class PostgresPinSetTest extends PinSetContract {
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
    protected PinSet newPinSet() {
        database.dsl().truncate(BLOB_PINS).execute();
        return new PostgresPinSet(database.dsl(), new ManualClock(1_764_090_000_000L));
    }
}
