package dev.cairn.adapters.postgres;

import static dev.cairn.adapters.postgres.schema.Tables.DHT_RECORDS;

import dev.cairn.core.dht.RecordStore;
import dev.cairn.core.dht.RecordStoreContract;
import dev.cairn.core.dht.RecordValueCodec;
import dev.cairn.core.port.ManualClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The record store contract, against real PostgreSQL. */
class PostgresRecordStoreTest extends RecordStoreContract {
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
    protected RecordStore newStore() {
        database.dsl().truncate(DHT_RECORDS).execute();
        return new PostgresRecordStore(database.dsl(), new ManualClock(0), RecordValueCodec.standard());
    }
}
