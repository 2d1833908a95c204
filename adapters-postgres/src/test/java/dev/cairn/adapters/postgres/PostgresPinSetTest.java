package dev.cairn.adapters.postgres;

import static dev.cairn.adapters.postgres.schema.Tables.BLOB_PINS;

import dev.cairn.core.port.ManualClock;
import dev.cairn.core.replication.PinSet;
import dev.cairn.core.replication.PinSetContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The pin set contract, against real PostgreSQL. */
class PostgresPinSetTest extends PinSetContract {
    @RegisterExtension
    static final FreshDatabase database = new FreshDatabase();

    @Override
    protected PinSet newPinSet() {
        database.dsl().truncate(BLOB_PINS).execute();
        return new PostgresPinSet(database.dsl(), new ManualClock(1_764_090_000_000L));
    }
}
