package dev.cairn.adapters.postgres;

import static dev.cairn.adapters.postgres.schema.Tables.TON_TRANSFERS;

import dev.cairn.core.payment.IncomingTransfer;
import dev.cairn.core.payment.TonTransferLog;
import java.util.Objects;
import java.util.OptionalLong;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The TON transactions this node has looked at, in {@code ton_transfers}: {@code INSERT ... ON CONFLICT DO NOTHING}
 * on the hash, so the first entry of a transaction stays; the polling cursor is {@code max(lt)}, read from the lt
 * index.
 */
public final class PostgresTonTransferLog implements TonTransferLog {
    private final DSLContext dsl;

    public PostgresTonTransferLog(DSLContext dsl) {
        this.dsl = Objects.requireNonNull(dsl, "dsl");
    }

    @Override
    public boolean record(Entry entry) {
        Objects.requireNonNull(entry, "entry");
        IncomingTransfer t = entry.transfer();
        return dsl.insertInto(TON_TRANSFERS)
                        .set(TON_TRANSFERS.HASH, t.hash())
                        .set(TON_TRANSFERS.LT, t.lt())
                        .set(TON_TRANSFERS.SOURCE, t.source())
                        .set(TON_TRANSFERS.AMOUNT, t.amount())
                        .set(TON_TRANSFERS.COMMENT, t.comment().orElse(null))
                        .set(TON_TRANSFERS.OUTCOME, entry.outcome().wire())
                        .set(TON_TRANSFERS.TRANSFERRED_AT, t.at())
                        .set(TON_TRANSFERS.SEEN_AT, entry.seenAt())
                        .onConflict(TON_TRANSFERS.HASH)
                        .doNothing()
                        .execute()
                == 1;
    }

    @Override
    public boolean seen(String hash) {
        return dsl.fetchExists(TON_TRANSFERS, TON_TRANSFERS.HASH.eq(Objects.requireNonNull(hash, "hash")));
    }

    @Override
    public OptionalLong lastLt() {
        Long max = dsl.select(DSL.max(TON_TRANSFERS.LT)).from(TON_TRANSFERS).fetchOne(0, Long.class);
        return max == null ? OptionalLong.empty() : OptionalLong.of(max);
    }
}
