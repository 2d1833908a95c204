package dev.cairn.adapters.postgres;

import static dev.cairn.adapters.postgres.schema.Tables.KNOWN_PEERS;

import dev.cairn.core.membership.PeerBook;
import dev.cairn.core.membership.PeerBookContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The peer book contract, against real PostgreSQL. */
class PostgresPeerBookTest extends PeerBookContract {
    @RegisterExtension
    static final FreshDatabase database = new FreshDatabase();

    @Override
    protected PeerBook newBook() {
        database.dsl().truncate(KNOWN_PEERS).execute();
        return new PostgresPeerBook(database.dsl());
    }
}
