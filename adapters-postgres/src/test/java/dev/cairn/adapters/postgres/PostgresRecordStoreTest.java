package dev.cairn.adapters.postgres;

import static dev.cairn.adapters.postgres.schema.Tables.DHT_RECORDS;

import dev.cairn.core.dht.RecordStore;
import dev.cairn.core.dht.RecordStoreContract;
import dev.cairn.core.dht.RecordValueCodec;
import dev.cairn.core.port.ManualClock;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The record store contract, against real PostgreSQL. */
class PostgresRecordStoreTest extends RecordStoreContract {
    @RegisterExtension
    static final FreshDatabase database = new FreshDatabase();

    @Override
    protected RecordStore newStore() {
        database.dsl().truncate(DHT_RECORDS).execute();
        return new PostgresRecordStore(database.dsl(), new ManualClock(0), RecordValueCodec.standard());
    }
}
