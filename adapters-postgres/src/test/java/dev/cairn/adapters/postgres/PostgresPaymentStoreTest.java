package dev.cairn.adapters.postgres;

import static dev.cairn.adapters.postgres.schema.Tables.PAYMENTS;
import static dev.cairn.adapters.postgres.schema.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.content.view.PaymentMethod;
import dev.cairn.core.payment.PaymentStatus;
import dev.cairn.core.payment.PaymentStore;
import dev.cairn.core.payment.PaymentStoreContract;
import dev.cairn.core.payment.PurchaseIntent;
import dev.cairn.core.port.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The payment store contract against real PostgreSQL, and what only a database adds: settling races. */
class PostgresPaymentStoreTest extends PaymentStoreContract {
    @RegisterExtension
    static final FreshDatabase database = new FreshDatabase();

    private static final int ROUNDS = 25;

    private final ManualClock clock = new ManualClock(T0.toEpochMilli());

    @Override
    protected PaymentStore newStore() {
        database.dsl().truncate(USERS).cascade().execute();
        return new PostgresPaymentStore(database.dsl(), clock);
    }

    @Override
    protected void usersAndContentsExist() {
        TestRows.userExists(database.dsl(), ADA);
        TestRows.userExists(database.dsl(), BO);
        new PostgresContentStore(database.dsl()).register(TestRows.content(SONG, ADA, 0));
    }

    /** A well-formed intent id (base32 letters) distinct per round and kind. */
    private static String intentId(int round, char kind) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        return "" + kind + alphabet.charAt(round / 32 % 32) + alphabet.charAt(round % 32) + "m".repeat(23);
    }

    private PurchaseIntent ton(String id) {
        return store.create(id, BO, SONG, PaymentMethod.TON, 1_500_000_000L, T0, T0.plusSeconds(1800));
    }

    @Test
    void theLicenseIsNotedAtTheClocksTimeAndUpdatedAtFollows() {
        String id = intentId(0, 'q');
        ton(id);
        clock.advance(Duration.ofSeconds(30));
        store.settle(id, "tx-hash", T0.plusSeconds(10));
        clock.advance(Duration.ofSeconds(5));
        assertThat(store.markLicensed(id)).isTrue();

        var row = database.dsl()
                .selectFrom(PAYMENTS)
                .where(PAYMENTS.PAYLOAD.eq(id))
                .fetchSingle();
        assertThat(row.getLicensedAt()).isEqualTo(T0.plusSeconds(35));
        assertThat(row.getUpdatedAt()).isEqualTo(T0.plusSeconds(35));
        assertThat(row.getCurrency()).isEqualTo("TON");
        assertThat(row.getExpiresAt()).isEqualTo(T0.plusSeconds(1800));
    }

    @Test
    void recoveryAndExpiryReadPartialIndexesOfTheirFewRows() {
        var definitions = database.dsl()
                .resultQuery("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'payments'")
                .fetchMap(r -> r.get(0, String.class), r -> r.get(1, String.class));

        assertThat(definitions.get("payments_paid_unlicensed_idx"))
                .contains("(paid_at, id)")
                .contains("WHERE")
                .contains("licensed_at IS NULL");
        assertThat(definitions.get("payments_pending_expiry_idx"))
                .contains("(expires_at)")
                .contains("WHERE")
                .contains("'pending'");
    }

    @Test
    void twoThreadsSettlingOneIntentWithOneChargeSettleItOnce() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String id = intentId(round, 's');
            ton(id);
            String charge = "same-charge-" + round;

            List<Boolean> results = race(() -> store.settle(id, charge, T0), () -> store.settle(id, charge, T0));

            assertThat(results).as("round " + round).containsExactlyInAnyOrder(true, false);
            assertThat(store.find(id).orElseThrow().chargeId()).contains(charge);
        }
    }

    @Test
    void twoThreadsSettlingOneIntentWithTwoChargesSettleItOnceByTheWinner() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String id = intentId(round, 'd');
            ton(id);
            String first = "first-" + round;
            String second = "second-" + round;

            List<Boolean> results = race(() -> store.settle(id, first, T0), () -> store.settle(id, second, T0));

            assertThat(results).as("round " + round).containsOnlyOnce(true);
            String winner = results.get(0) ? first : second;
            String loser = results.get(0) ? second : first;
            PurchaseIntent paid = store.find(id).orElseThrow();
            assertThat(paid.status()).isEqualTo(PaymentStatus.PAID);
            assertThat(paid.chargeId()).contains(winner);
            assertThat(store.findByCharge(loser)).isEmpty();
        }
    }

    @Test
    void twoThreadsSettlingTwoIntentsWithOneChargeSettleOneOfThem() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String a = intentId(round, 'a');
            String b = intentId(round, 'b');
            ton(a);
            ton(b);
            String charge = "shared-" + round;

            List<Boolean> results = race(() -> store.settle(a, charge, T0), () -> store.settle(b, charge, T0));

            assertThat(results).as("round " + round).containsExactlyInAnyOrder(true, false);
            String settled = results.get(0) ? a : b;
            assertThat(store.findByCharge(charge)).map(PurchaseIntent::id).contains(settled);
        }
    }

    @Test
    void expiryLeavesAnIntentSettledOnAnotherConnectionPaid() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String id = intentId(round, 'e');
            ton(id);

            List<Boolean> results =
                    race(() -> store.settle(id, "late-" + id, T0), () -> store.expire(T0.plusSeconds(1800)) >= 0);

            assertThat(results.getFirst()).as("round " + round).isTrue();
            assertThat(store.find(id).orElseThrow().status()).isEqualTo(PaymentStatus.PAID);
        }
    }

    private static List<Boolean> race(Callable<Boolean> one, Callable<Boolean> other) throws Exception {
        var start = new CountDownLatch(1);
        try (var pool = Executors.newFixedThreadPool(2)) {
            List<Future<Boolean>> futures = new ArrayList<>();
            for (Callable<Boolean> task : List.of(one, other)) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<Boolean> results = new ArrayList<>();
            for (var f : futures) {
                results.add(f.get());
            }
            return results;
        }
    }
}
