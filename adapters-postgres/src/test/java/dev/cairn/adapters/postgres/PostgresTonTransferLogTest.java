package dev.cairn.adapters.postgres;

import static dev.cairn.adapters.postgres.schema.Tables.TON_TRANSFERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.payment.Settlement;
import dev.cairn.core.payment.TonTransferLog;
import dev.cairn.core.payment.TonTransferLogContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The TON transfer log contract against real PostgreSQL, and the row it writes. */
class PostgresTonTransferLogTest extends TonTransferLogContract {
    @RegisterExtension
    static final FreshDatabase database = new FreshDatabase();

    @Override
    protected TonTransferLog newLog() {
        database.dsl().truncate(TON_TRANSFERS).execute();
        return new PostgresTonTransferLog(database.dsl());
    }

    @Test
    void everyOutcomeIsStoredAsItsWireForm() {
        long lt = 1;
        for (Settlement outcome : Settlement.values()) {
            assertThat(log.record(new TonTransferLog.Entry(
                            transfer("h-" + outcome.wire(), lt++, 5, null), outcome, T0.plusSeconds(lt))))
                    .isTrue();
        }
        assertThat(database.dsl().fetch(TON_TRANSFERS).map(r -> Settlement.fromWire(r.getOutcome())))
                .containsExactlyInAnyOrder(Settlement.values());
    }

    @Test
    void theRowKeepsTheTransferAndTheFirstOutcome() {
        log.record(new TonTransferLog.Entry(
                transfer("h1", 47_000_000_000_001L, 1_500_000_000L, "Grüße"), Settlement.LICENSED, T0.plusSeconds(9)));
        log.record(new TonTransferLog.Entry(
                transfer("h1", 47_000_000_000_001L, 1_500_000_000L, "Grüße"),
                Settlement.DUPLICATE,
                T0.plusSeconds(99)));

        var row = database.dsl().fetchSingle(TON_TRANSFERS, TON_TRANSFERS.HASH.eq("h1"));
        assertThat(row.getLt()).isEqualTo(47_000_000_000_001L);
        assertThat(row.getSource()).isEqualTo("EQsender");
        assertThat(row.getAmount()).isEqualTo(1_500_000_000L);
        assertThat(row.getComment()).isEqualTo("Grüße");
        assertThat(row.getOutcome()).isEqualTo("licensed");
        assertThat(row.getTransferredAt()).isEqualTo(T0);
        assertThat(row.getSeenAt()).isEqualTo(T0.plusSeconds(9));
        assertThat(log.lastLt()).hasValue(47_000_000_000_001L);
    }
}
