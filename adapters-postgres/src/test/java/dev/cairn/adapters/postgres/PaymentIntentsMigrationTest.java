package dev.cairn.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.id.ContentId;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** V8 on a database that already holds payments: what it fills in for rows written before it. */
class PaymentIntentsMigrationTest {
    private static final Instant T0 = TestRows.T0;

    @Test
    void oldRowsExpireAnHourAfterCreationAndKeepTheirLicenseTime() {
        String name = "v8_" + ProcessHandle.current().pid() + "_" + System.nanoTime();
        TestPostgres.server().createDatabaseIfAbsent(name);
        var source = new PGSimpleDataSource();
        source.setURL(TestPostgres.server().jdbcUrl(name));
        Flyway.configure()
                .dataSource(source)
                .locations("classpath:db/migration")
                .target("7")
                .load()
                .migrate();
        DSLContext dsl = DSL.using(source, SQLDialect.POSTGRES);
        TestRows.userExists(dsl, 7);
        ContentId song = TestRows.contentId("old song");
        new PostgresContentStore(dsl).register(TestRows.content(song, 7, 0));
        long pending = payment(dsl, song, "pending", "pending-intent", null);
        long licensed = payment(dsl, song, "paid", "licensed-intent", "charge-1");
        long unlicensed = payment(dsl, song, "paid", "unlicensed-intent", "charge-2");
        dsl.execute(
                "INSERT INTO licenses (user_id, content_id, granted_by, payment_id, granted_at) VALUES (?, ?, 'purchase', ?, ?::timestamptz)",
                7L,
                song.hex(),
                licensed,
                at(T0.plusSeconds(70)));

        Flyway.configure()
                .dataSource(source)
                .locations("classpath:db/migration")
                .load()
                .migrate();

        var rows = dsl.fetch("SELECT id, expires_at, licensed_at FROM payments")
                .intoMap(r -> r.get(0, Long.class), r -> r);
        assertThat(rows.get(pending).get(1, OffsetDateTime.class).toInstant()).isEqualTo(T0.plusSeconds(3600));
        assertThat(rows.get(pending).get(2)).isNull();
        assertThat(rows.get(licensed).get(2, OffsetDateTime.class).toInstant()).isEqualTo(T0.plusSeconds(70));
        assertThat(rows.get(unlicensed).get(2)).isNull();
        assertThatThrownBy(() -> payment(dsl, song, "pending", "no-expiry", null))
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("expires_at");
    }

    private static long payment(DSLContext dsl, ContentId content, String status, String payload, String charge) {
        return dsl.resultQuery(
                        "INSERT INTO payments (user_id, content_id, method, amount, currency, status, payload,"
                                + " provider_charge_id, created_at, updated_at, paid_at)"
                                + " VALUES (7, ?, 'stars', 50, 'XTR', ?, ?, ?, ?::timestamptz, ?::timestamptz, ?::timestamptz) RETURNING id",
                        content.hex(),
                        status,
                        payload,
                        charge,
                        at(T0),
                        at(T0),
                        charge == null ? null : at(T0.plusSeconds(60)))
                .fetchSingle(0, Long.class);
    }

    private static String at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC).toString();
    }
}
