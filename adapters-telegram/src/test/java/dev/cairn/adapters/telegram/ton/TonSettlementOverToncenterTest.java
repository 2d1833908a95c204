package dev.cairn.adapters.telegram.ton;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.content.ContentKind;
import dev.cairn.core.content.ContentRecord;
import dev.cairn.core.content.InMemoryContentStore;
import dev.cairn.core.content.InMemoryLicenseStore;
import dev.cairn.core.content.LicenseSource;
import dev.cairn.core.content.view.InMemoryPriceStore;
import dev.cairn.core.content.view.PaymentMethod;
import dev.cairn.core.content.view.Prices;
import dev.cairn.core.encryption.ContentKey;
import dev.cairn.core.encryption.KeyContext;
import dev.cairn.core.encryption.MasterKey;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.payment.InMemoryPaymentStore;
import dev.cairn.core.payment.InMemoryTonTransferLog;
import dev.cairn.core.payment.PaymentStatus;
import dev.cairn.core.payment.PurchaseIntent;
import dev.cairn.core.payment.PurchaseRefused;
import dev.cairn.core.payment.Purchases;
import dev.cairn.core.payment.Settlement;
import dev.cairn.core.payment.TonAmountRule;
import dev.cairn.core.payment.TonSettlement;
import dev.cairn.core.payment.TonTransferLog;
import dev.cairn.core.port.ManualClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Core's TON settlement driven through the production toncenter client against a loopback toncenter. */
class TonSettlementOverToncenterTest {
    static final String WALLET = ToncenterTransfersTest.WALLET;
    static final String PAYER = ToncenterTransfersTest.PAYER;
    static final long OWNER = 42;
    static final long BUYER = 7;
    /** 1.5 TON: the rule lets 0.01 TON (its tolerance, below 1% of the price) be missing. */
    static final long PRICE = 1_500_000_000L;

    final ManualClock clock = new ManualClock(1_764_150_000_000L);
    final InMemoryContentStore contents = new InMemoryContentStore();
    final InMemoryPriceStore prices = new InMemoryPriceStore();
    final InMemoryLicenseStore licenses = new InMemoryLicenseStore();
    final InMemoryPaymentStore payments = new InMemoryPaymentStore();
    final InMemoryTonTransferLog log = new InMemoryTonTransferLog();
    final List<PurchaseIntent> licensed = new ArrayList<>();
    final Purchases purchases = new Purchases(
            contents,
            prices,
            licenses,
            payments,
            Optional.empty(),
            TonAmountRule.standard(),
            clock,
            new Random(3)::nextBytes,
            Duration.ofMinutes(30),
            new dev.cairn.core.payment.PurchaseListener() {
                @Override
                public void licensed(PurchaseIntent intent) {
                    licensed.add(intent);
                }
            });
    final FakeToncenter ton = FakeToncenter.start(WALLET);
    ToncenterTransfers client = client(100);
    TonSettlement settlement = new TonSettlement(client, log, purchases, clock);

    ToncenterTransfers client(int pageSize) {
        return new ToncenterTransfers(ToncenterSettings.of(ton.baseUrl(), WALLET, Optional.empty())
                .withPaging(pageSize, 1)
                .withPagePause(Duration.ZERO));
    }

    @AfterEach
    void stop() {
        client.close();
        ton.close();
    }

    ContentId forSale(String seed) {
        ContentId id = ContentId.ofBlob(seed.getBytes(StandardCharsets.UTF_8));
        MasterKey master = MasterKey.generate(new Random(1)::nextBytes);
        contents.register(new ContentRecord(
                id,
                OWNER,
                ContentKind.AUDIO,
                "audio/mpeg",
                10_000,
                "A song " + seed,
                Optional.of("song.mp3"),
                master.wrap(ContentKey.generate(new Random(2)::nextBytes), KeyContext.content(id)),
                clock.instant(),
                Optional.empty()));
        prices.set(id, Prices.of(50, PRICE));
        return id;
    }

    PurchaseIntent intent(String seed) throws PurchaseRefused {
        return purchases.start(BUYER, forSale(seed), PaymentMethod.TON);
    }

    PurchaseIntent now(PurchaseIntent intent) {
        return payments.find(intent.id()).orElseThrow();
    }

    Settlement outcome(FakeToncenter.Tx tx) {
        return log.entry(tx.hash()).orElseThrow().outcome();
    }

    @Test
    void theExactPriceLicensesTheBuyer() throws Exception {
        PurchaseIntent intent = intent("exact");
        var tx = ton.receive(PAYER, PRICE, intent.id());

        assertThat(settlement.poll()).isEqualTo(1);

        assertThat(licenses.find(BUYER, intent.content())).hasValueSatisfying(l -> {
            assertThat(l.source()).isEqualTo(LicenseSource.PURCHASE);
            assertThat(l.paymentId()).hasValue(intent.key());
        });
        assertThat(now(intent).status()).isEqualTo(PaymentStatus.PAID);
        assertThat(now(intent).chargeId()).contains(tx.hash());
        assertThat(now(intent).licensed()).isTrue();
        assertThat(outcome(tx)).isEqualTo(Settlement.LICENSED);
        assertThat(log.lastLt()).hasValue(tx.lt());
        assertThat(licensed).extracting(PurchaseIntent::id).containsExactly(intent.id());
    }

    @Test
    void aShortAmountIsLoggedShortAndGrantsNothing() throws Exception {
        PurchaseIntent intent = intent("short");
        long minimum = TonAmountRule.standard().minimumFor(PRICE);
        var tx = ton.receive(PAYER, minimum - 1, intent.id());

        assertThat(settlement.poll()).isZero();

        assertThat(outcome(tx)).isEqualTo(Settlement.SHORT);
        assertThat(licenses.has(BUYER, intent.content())).isFalse();
        assertThat(now(intent).status()).isEqualTo(PaymentStatus.PENDING);
    }

    @Test
    void slightlyShortWithinTheToleranceLicenses() throws Exception {
        PurchaseIntent intent = intent("fee");
        var tx = ton.receive(PAYER, TonAmountRule.standard().minimumFor(PRICE), intent.id());

        assertThat(settlement.poll()).isEqualTo(1);

        assertThat(outcome(tx)).isEqualTo(Settlement.LICENSED);
        assertThat(licenses.has(BUYER, intent.content())).isTrue();
    }

    @Test
    void aTransactionTheApiRepeatsInOnePageLicensesOnce() throws Exception {
        PurchaseIntent intent = intent("repeat");
        var tx = ton.receive(PAYER, PRICE, intent.id());
        ton.repeatInPage(tx);

        assertThat(settlement.poll()).isEqualTo(1);
        assertThat(settlement.poll()).isZero();

        assertThat(licensed).hasSize(1);
        assertThat(outcome(tx)).isEqualTo(Settlement.LICENSED);
    }

    @Test
    void aTransactionSeenAgainOnTheNextPollLicensesOnce() throws Exception {
        // The node stops after the payment is settled but before the transaction is logged (the log write fails),
        // so the next poll starts below it and is given it again.
        PurchaseIntent intent = intent("crash");
        var tx = ton.receive(PAYER, PRICE, intent.id());
        var crashing = new TonSettlement(client, new FailingOnce(log), purchases, clock);

        assertThatThrownBy(crashing::poll).isInstanceOf(IllegalStateException.class);
        assertThat(log.seen(tx.hash())).isFalse();
        assertThat(licenses.has(BUYER, intent.content())).isTrue();

        assertThat(settlement.poll()).isZero();

        assertThat(outcome(tx)).isEqualTo(Settlement.DUPLICATE);
        assertThat(licensed).hasSize(1);
        assertThat(payments.findByCharge(tx.hash())).map(PurchaseIntent::id).contains(intent.id());
    }

    @Test
    void anUnknownCommentIsLoggedUnknownIntentAndGrantsNothing() throws Exception {
        PurchaseIntent intent = intent("unknown");
        var stranger = ton.receive(PAYER, PRICE, "thanks for the music");
        var noComment = ton.receive(PAYER, PRICE, new FakeToncenter.Body.Raw(new byte[] {1, 2, 3}));

        assertThat(settlement.poll()).isZero();

        assertThat(outcome(stranger)).isEqualTo(Settlement.UNKNOWN_INTENT);
        assertThat(outcome(noComment)).isEqualTo(Settlement.UNKNOWN_INTENT);
        assertThat(licenses.has(BUYER, intent.content())).isFalse();
        assertThat(now(intent).status()).isEqualTo(PaymentStatus.PENDING);
    }

    @Test
    void aCommentTypedWithCapitalsAndSpacesMatches() throws Exception {
        PurchaseIntent intent = intent("typed");
        var tx = ton.receive(PAYER, PRICE, "  " + intent.id().toUpperCase(java.util.Locale.ROOT) + " \n");

        assertThat(settlement.poll()).isEqualTo(1);

        assertThat(outcome(tx)).isEqualTo(Settlement.LICENSED);
        assertThat(licenses.has(BUYER, intent.content())).isTrue();
    }

    @Test
    void anExpiredIntentIsStillSettledByItsTransfer() throws Exception {
        PurchaseIntent intent = intent("late");
        clock.advance(Duration.ofHours(1));
        assertThat(purchases.expire()).isEqualTo(1);
        ton.receive(PAYER, PRICE, intent.id());

        assertThat(settlement.poll()).isEqualTo(1);

        assertThat(now(intent).status()).isEqualTo(PaymentStatus.PAID);
    }

    @Test
    void transfersOverSeveralPagesAreAllSettledInOrder() throws Exception {
        ton.receive(PAYER, 1, "before the first poll");
        assertThat(settlement.poll()).isZero();
        client.close();
        client = client(2);
        settlement = new TonSettlement(client, log, purchases, clock);
        List<PurchaseIntent> intents = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            PurchaseIntent intent = intent("page " + i);
            intents.add(intent);
            ton.receive(PAYER, PRICE, intent.id());
            ton.send(ToncenterTransfersTest.OTHER, 1_000);
        }
        int before = ton.requests().size();

        assertThat(settlement.poll()).isEqualTo(7);

        assertThat(licensed)
                .extracting(PurchaseIntent::id)
                .containsExactlyElementsOf(
                        intents.stream().map(PurchaseIntent::id).toList());
        assertThat(ton.requests().size() - before).isGreaterThan(7);
        assertThat(log.lastLt())
                .hasValue(ton.transactions().get(ton.transactions().size() - 2).lt());
    }

    @Test
    void aServerErrorLosesNothing() throws Exception {
        PurchaseIntent intent = intent("500");
        var tx = ton.receive(PAYER, PRICE, intent.id());
        ton.failNext(1, 500, "LITE_SERVER_UNKNOWN: timeout");

        assertThatThrownBy(settlement::poll).isInstanceOf(IOException.class).hasMessageContaining("HTTP 500");
        assertThat(log.seen(tx.hash())).isFalse();

        assertThat(settlement.poll()).isEqualTo(1);
        assertThat(outcome(tx)).isEqualTo(Settlement.LICENSED);
    }

    @Test
    void okFalseLosesNothing() throws Exception {
        PurchaseIntent intent = intent("ok false");
        var tx = ton.receive(PAYER, PRICE, intent.id());
        ton.answerOkFalseNext(503, "LITE_SERVER_NOTREADY");

        assertThatThrownBy(settlement::poll)
                .isInstanceOf(IOException.class)
                .hasMessageContaining("LITE_SERVER_NOTREADY");

        assertThat(settlement.poll()).isEqualTo(1);
        assertThat(outcome(tx)).isEqualTo(Settlement.LICENSED);
    }

    @Test
    void aFailureOnALaterPageLosesNothing() throws Exception {
        ton.receive(PAYER, 1, "before the first poll");
        assertThat(settlement.poll()).isZero();
        client.close();
        client = client(2);
        settlement = new TonSettlement(client, log, purchases, clock);
        for (int i = 0; i < 5; i++) {
            ton.receive(PAYER, PRICE, intent("later " + i).id());
        }
        ton.failAfter(1, 502, "Bad Gateway");

        assertThatThrownBy(settlement::poll).isInstanceOf(IOException.class);
        assertThat(licensed).isEmpty();

        ton.failAfter(-1, 0, "");
        assertThat(settlement.poll()).isEqualTo(5);
    }

    /** A log whose first write fails, as if the node stopped right before it. */
    private record FailingOnce(InMemoryTonTransferLog log, boolean[] failed) implements TonTransferLog {
        FailingOnce(InMemoryTonTransferLog log) {
            this(log, new boolean[1]);
        }

        @Override
        public boolean record(Entry entry) {
            if (!failed[0]) {
                failed[0] = true;
                throw new IllegalStateException(
                        "the node stopped before logging " + entry.transfer().hash());
            }
            return log.record(entry);
        }

        @Override
        public boolean seen(String hash) {
            return log.seen(hash);
        }

        @Override
        public OptionalLong lastLt() {
            return log.lastLt();
        }
    }
}
