package dev.cairn.adapters.postgres;

import static dev.cairn.adapters.postgres.schema.Tables.PAYMENTS;
import static dev.cairn.adapters.postgres.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.content.License;
import dev.cairn.core.content.LicenseSource;
import dev.cairn.core.content.LicenseStore;
import dev.cairn.core.content.LicenseStoreContract;
import dev.cairn.core.id.ContentId;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The license store contract against real PostgreSQL, and what only a database adds: races, payment uniqueness. */
class PostgresLicenseStoreTest extends LicenseStoreContract {
    @RegisterExtension
    static final FreshDatabase database = new FreshDatabase();

    private int payments;

    @Override
    protected LicenseStore newStore() {
        database.dsl().truncate(USERS).cascade().execute();
        return new PostgresLicenseStore(database.dsl());
    }

    @Override
    protected void usersAndContentsExist() {
        TestRows.userExists(database.dsl(), ADA);
        TestRows.userExists(database.dsl(), BO);
        var contents = new PostgresContentStore(database.dsl());
        contents.register(TestRows.content(SONG, ADA, 0));
        contents.register(TestRows.content(FILM, ADA, 1));
    }

    @Override
    protected long payment(long user, ContentId content) {
        payments++;
        return database.dsl()
                .insertInto(PAYMENTS)
                .set(PAYMENTS.USER_ID, user)
                .set(PAYMENTS.CONTENT_ID, content.hex())
                .set(PAYMENTS.METHOD, "stars")
                .set(PAYMENTS.AMOUNT, 50L)
                .set(PAYMENTS.CURRENCY, "XTR")
                .set(PAYMENTS.STATUS, "paid")
                .set(PAYMENTS.PAYLOAD, "intent-" + payments)
                .set(PAYMENTS.PROVIDER_CHARGE_ID, "charge-" + payments)
                .set(PAYMENTS.CREATED_AT, T0)
                .set(PAYMENTS.EXPIRES_AT, T0.plusSeconds(3600))
                .set(PAYMENTS.UPDATED_AT, T0)
                .set(PAYMENTS.PAID_AT, T0)
                .returning(PAYMENTS.ID)
                .fetchSingle(PAYMENTS.ID);
    }

    @Test
    void onePaymentBuysOneLicense() {
        long payment = payment(ADA, SONG);
        store.grant(new License(ADA, SONG, LicenseSource.PURCHASE, OptionalLong.of(payment), T0));

        assertThatThrownBy(
                        () -> store.grant(new License(BO, SONG, LicenseSource.PURCHASE, OptionalLong.of(payment), T0)))
                .isInstanceOf(DataAccessException.class);
        assertThat(store.has(BO, SONG)).isFalse();
    }

    @Test
    void concurrentGrantsOfOneLicenseGrantItOnce() throws Exception {
        int racers = 8;
        var start = new CountDownLatch(1);
        List<Callable<Boolean>> tasks = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            tasks.add(() -> {
                start.await();
                return store.grant(new License(BO, FILM, LicenseSource.GRANT, OptionalLong.empty(), T0));
            });
        }
        try (var pool = Executors.newFixedThreadPool(racers)) {
            List<Future<Boolean>> results = new ArrayList<>();
            for (var task : tasks) {
                results.add(pool.submit(task));
            }
            start.countDown();
            int granted = 0;
            for (var r : results) {
                granted += r.get() ? 1 : 0;
            }
            assertThat(granted).isEqualTo(1);
        }
        assertThat(store.has(BO, FILM)).isTrue();
    }
}
