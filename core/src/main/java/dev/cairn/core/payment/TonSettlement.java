package dev.cairn.core.payment;

import dev.cairn.core.port.Clock;
import java.io.IOException;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles TON purchases: reads the receiving wallet's new transfers, matches each by its comment (the intent id) and
 * amount ({@link TonAmountRule}), and settles each transaction hash once. A transfer is logged only after
 * {@link Purchases#paid} has handled it, so a crash in between makes the next poll see it again, which the charge id
 * (the hash) turns into a {@link Settlement#DUPLICATE}.
 */
public final class TonSettlement {
    private static final Logger LOG = LoggerFactory.getLogger(TonSettlement.class);

    private final TonTransfers transfers;
    private final TonTransferLog log;
    private final Purchases purchases;
    private final Clock clock;

    public TonSettlement(TonTransfers transfers, TonTransferLog log, Purchases purchases, Clock clock) {
        this.transfers = Objects.requireNonNull(transfers, "transfers");
        this.log = Objects.requireNonNull(log, "log");
        this.purchases = Objects.requireNonNull(purchases, "purchases");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** One poll; returns how many purchases it licensed. */
    public int poll() throws IOException {
        OptionalLong after = log.lastLt();
        int licensed = 0;
        for (IncomingTransfer t : transfers.after(after)) {
            if (log.seen(t.hash())) {
                continue;
            }
            Settlement outcome = settle(t);
            if (outcome == Settlement.LICENSED) {
                licensed++;
            } else if (outcome != Settlement.DUPLICATE) {
                LOG.warn(
                        "TON transaction {} ({} nanotons, comment '{}') settles nothing: {}",
                        t.hash(),
                        t.amount(),
                        t.comment().orElse(""),
                        outcome.wire());
            }
            log.record(new TonTransferLog.Entry(t, outcome, clock.instant()));
        }
        return licensed;
    }

    private Settlement settle(IncomingTransfer t) {
        if (t.comment().isEmpty()) {
            return Settlement.UNKNOWN_INTENT;
        }
        // Typed by hand, a comment may carry spaces or capitals; ids are lower case.
        String comment = t.comment().get().strip().toLowerCase(Locale.ROOT);
        return purchases.paid(new Payment(comment, OptionalLong.empty(), "TON", t.amount(), t.hash(), t.at()));
    }
}
