package dev.cairn.adapters.postgres;

import org.jooq.DSLContext;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A new, empty, migrated database on the shared test server for one test class, closed after it:
 * {@code @RegisterExtension static final FreshDatabase database = new FreshDatabase();}.
 */
final class FreshDatabase implements BeforeAllCallback, AfterAllCallback {
    private PostgresDatabase database;

    @Override
    public void beforeAll(ExtensionContext context) {
        database = TestPostgres.freshDatabase();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        database.close();
    }

    DSLContext dsl() {
        return database.dsl();
    }
}
