package dev.cairn.core.payment;

import static dev.cairn.core.payment.PurchaseFixture.BUYER;
import static dev.cairn.core.payment.PurchaseFixture.NANOTONS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.content.view.PaymentMethod;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class TonSettlementTest {
    private final PurchaseFixture f = new PurchaseFixture();
    private final Chain chain = new Chain();
    private final InMemoryTonTransferLog log = new InMemoryTonTransferLog();
    private final TonSettlement settlement = new TonSettlement(chain, log, f.purchases, f.clock);

    /** The wallet's history; {@link #down} makes the next read fail. */
    private static final class Chain implements TonTransfers {
        final List<IncomingTransfer> history = new ArrayList<>();
        final List<OptionalLong> asked = new ArrayList<>();
        boolean down;

        @Override
        public String receivingAddress() {
            return "EQreceiver";
        }

        @Override
        public List<IncomingTransfer> after(OptionalLong afterLt) throws IOException {
            asked.add(afterLt);
            if (down) {
                throw new IOException("HTTP 502");
            }
            return history.stream()
                    .filter(t -> afterLt.isEmpty() || t.lt() > afterLt.getAsLong())
                    .toList();
        }
    }

    private IncomingTransfer pay(String hash, long lt, long amount, String comment) {
        IncomingTransfer t =
                new IncomingTransfer(hash, lt, "EQpayer", amount, Optional.ofNullable(comment), f.clock.instant());
        chain.history.add(t);
        return t;
    }

    private PurchaseIntent intent() throws PurchaseRefused {
        return f.purchases.start(PurchaseFixture.BUYER, f.song.id(), PaymentMethod.TON);
    }

    @Test
    void anExactTransferLicensesAndIsLoggedOnce() throws Exception {
        PurchaseIntent intent = intent();
        pay("h1", 10, NANOTONS, intent.id());

        assertThat(settlement.poll()).isEqualTo(1);
        assertThat(f.licenses.has(BUYER, f.song.id())).isTrue();
        assertThat(log.entry("h1")).map(TonTransferLog.Entry::outcome).contains(Settlement.LICENSED);
        assertThat(f.purchases.find(intent.id()).orElseThrow().chargeId()).contains("h1");

        assertThat(settlement.poll()).isZero();
        assertThat(chain.asked).containsExactly(OptionalLong.empty(), OptionalLong.of(10));
    }

    @Test
    void aShortTransferDoesNotLicenseButOneWithinTheFeeToleranceDoes() throws Exception {
        PurchaseIntent a = intent();
        pay("short", 10, NANOTONS - 10_000_001, a.id());
        assertThat(settlement.poll()).isZero();
        assertThat(log.entry("short")).map(TonTransferLog.Entry::outcome).contains(Settlement.SHORT);
        assertThat(f.licenses.has(BUYER, f.song.id())).isFalse();

        pay("nearly", 11, NANOTONS - 10_000_000, a.id());
        assertThat(settlement.poll()).isEqualTo(1);
        assertThat(f.licenses.has(BUYER, f.song.id())).isTrue();
    }

    @Test
    void anUnknownOrMissingCommentLicensesNothing() throws Exception {
        pay("stranger", 10, NANOTONS, "hello there");
        pay("silent", 11, NANOTONS, null);
        assertThat(settlement.poll()).isZero();
        assertThat(log.entry("stranger")).map(TonTransferLog.Entry::outcome).contains(Settlement.UNKNOWN_INTENT);
        assertThat(log.entry("silent")).map(TonTransferLog.Entry::outcome).contains(Settlement.UNKNOWN_INTENT);
    }

    @Test
    void aCommentTypedWithCapitalsAndSpacesStillMatches() throws Exception {
        PurchaseIntent intent = intent();
        pay("typed", 10, NANOTONS, "  " + intent.id().toUpperCase(java.util.Locale.ROOT) + "\n");
        assertThat(settlement.poll()).isEqualTo(1);
    }

    @Test
    void aSecondTransferForAPaidIntentIsLoggedAsAlreadyPaid() throws Exception {
        PurchaseIntent intent = intent();
        pay("first", 10, NANOTONS, intent.id());
        pay("second", 11, NANOTONS, intent.id());
        assertThat(settlement.poll()).isEqualTo(1);
        assertThat(log.entry("second")).map(TonTransferLog.Entry::outcome).contains(Settlement.ALREADY_PAID);
    }

    @Test
    void anApiOutageLosesNothingAndTheNextPollSettles() throws Exception {
        PurchaseIntent intent = intent();
        pay("h1", 10, NANOTONS, intent.id());
        chain.down = true;
        assertThatThrownBy(settlement::poll).isInstanceOf(IOException.class);
        assertThat(f.licenses.has(BUYER, f.song.id())).isFalse();
        chain.down = false;
        assertThat(settlement.poll()).isEqualTo(1);
    }

    @Test
    void aTransferSettledBeforeACrashButNeverLoggedCountsOnce() throws Exception {
        PurchaseIntent intent = intent();
        IncomingTransfer t = pay("h1", 10, NANOTONS, intent.id());
        // The crash: Purchases.paid ran, the log entry was never written.
        f.purchases.paid(new Payment(intent.id(), OptionalLong.empty(), "TON", t.amount(), t.hash(), t.at()));

        assertThat(settlement.poll()).isZero();
        assertThat(log.entry("h1")).map(TonTransferLog.Entry::outcome).contains(Settlement.DUPLICATE);
        assertThat(f.told).hasSize(1);
    }
}
