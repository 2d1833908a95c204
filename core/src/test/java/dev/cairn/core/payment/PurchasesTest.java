package dev.cairn.core.payment;

import static dev.cairn.core.payment.PurchaseFixture.BUYER;
import static dev.cairn.core.payment.PurchaseFixture.NANOTONS;
import static dev.cairn.core.payment.PurchaseFixture.OWNER;
import static dev.cairn.core.payment.PurchaseFixture.STARS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.content.License;
import dev.cairn.core.content.LicenseSource;
import dev.cairn.core.content.view.PaymentMethod;
import dev.cairn.core.content.view.Prices;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PurchasesTest {
    private final PurchaseFixture f = new PurchaseFixture();

    private PurchaseIntent startStars() throws PurchaseRefused {
        return f.purchases.start(BUYER, f.song.id(), PaymentMethod.STARS);
    }

    private Payment stars(PurchaseIntent intent, String charge) {
        return new Payment(intent.id(), OptionalLong.of(BUYER), "XTR", intent.amount(), charge, f.clock.instant());
    }

    @Test
    void anIntentFixesUserContentMethodAndTheCurrentPrice() throws PurchaseRefused {
        PurchaseIntent stars = startStars();
        PurchaseIntent ton = f.purchases.start(BUYER, f.song.id(), PaymentMethod.TON);

        assertThat(stars.amount()).isEqualTo(STARS);
        assertThat(stars.currency()).isEqualTo("XTR");
        assertThat(ton.amount()).isEqualTo(NANOTONS);
        assertThat(ton.currency()).isEqualTo("TON");
        assertThat(stars.status()).isEqualTo(PaymentStatus.PENDING);
        assertThat(stars.expiresAt()).isEqualTo(PurchaseFixture.T0.plus(PurchaseFixture.INTENT_TTL));
        assertThat(stars.id()).isNotEqualTo(ton.id()).matches("[a-z2-7]{26}");
        assertThat(f.purchases.find(stars.id())).contains(stars);
        assertThat(f.purchases.find("not an id")).isEmpty();
    }

    @Test
    void noIntentForAMissingContentOneSOwnContentAHeldLicenseOrAMissingPrice() {
        var stranger = f.content("nobody registered this");
        assertRefused(
                () -> f.purchases.start(BUYER, stranger.id(), PaymentMethod.STARS), PurchaseRefused.Reason.NOT_FOUND);
        assertRefused(
                () -> f.purchases.start(OWNER, f.song.id(), PaymentMethod.STARS), PurchaseRefused.Reason.OWN_CONTENT);

        f.prices.set(f.song.id(), new Prices(OptionalLong.of(STARS), OptionalLong.empty()));
        assertRefused(
                () -> f.purchases.start(BUYER, f.song.id(), PaymentMethod.TON), PurchaseRefused.Reason.NOT_FOR_SALE);

        f.licenses.grant(new License(BUYER, f.song.id(), LicenseSource.GRANT, OptionalLong.empty(), f.clock.instant()));
        assertRefused(this::startStars, PurchaseRefused.Reason.ALREADY_LICENSED);
    }

    @Test
    void preCheckoutAcceptsAPendingIntentAtItsPrice() throws PurchaseRefused {
        PurchaseIntent intent = startStars();
        assertThat(f.purchases.preCheckout(intent.id(), BUYER, "XTR", STARS)).isInstanceOf(PreCheckout.Accept.class);
    }

    @Test
    void preCheckoutRefusesAnExpiredIntentAChangedPriceAHeldLicenseAndMismatches() throws PurchaseRefused {
        PurchaseIntent intent = startStars();
        assertRefusal(f.purchases.preCheckout("a".repeat(26), BUYER, "XTR", STARS), "unknown");
        assertRefusal(f.purchases.preCheckout(intent.id(), OWNER, "XTR", STARS), "another account");
        assertRefusal(f.purchases.preCheckout(intent.id(), BUYER, "XTR", STARS + 1), "does not match");
        assertRefusal(f.purchases.preCheckout(intent.id(), BUYER, "TON", STARS), "does not match");

        f.prices.set(f.song.id(), Prices.of(STARS * 2, NANOTONS));
        assertRefusal(f.purchases.preCheckout(intent.id(), BUYER, "XTR", STARS), "price has changed");
        f.prices.set(f.song.id(), Prices.of(STARS, NANOTONS));

        f.licenses.grant(new License(BUYER, f.song.id(), LicenseSource.GRANT, OptionalLong.empty(), f.clock.instant()));
        assertRefusal(f.purchases.preCheckout(intent.id(), BUYER, "XTR", STARS), "already own");
        f.licenses.revoke(BUYER, f.song.id());

        f.clock.advance(PurchaseFixture.INTENT_TTL);
        assertRefusal(f.purchases.preCheckout(intent.id(), BUYER, "XTR", STARS), "expired");
    }

    @Test
    void aPaymentGrantsTheLicenseOnceWhateverTimesItIsDelivered() throws PurchaseRefused {
        PurchaseIntent intent = startStars();
        assertThat(f.purchases.paid(stars(intent, "charge-1"))).isEqualTo(Settlement.LICENSED);
        assertThat(f.purchases.paid(stars(intent, "charge-1"))).isEqualTo(Settlement.DUPLICATE);

        License license = f.licenses.find(BUYER, f.song.id()).orElseThrow();
        PurchaseIntent paid = f.purchases.find(intent.id()).orElseThrow();
        assertThat(license.source()).isEqualTo(LicenseSource.PURCHASE);
        assertThat(license.paymentId()).hasValue(paid.key());
        assertThat(paid.status()).isEqualTo(PaymentStatus.PAID);
        assertThat(paid.licensed()).isTrue();
        assertThat(f.told).containsExactly("licensed " + intent.id());
    }

    @Test
    void aSecondChargeForAPaidIntentIsAlreadyPaidAndUnknownIntentsAreUnknown() throws PurchaseRefused {
        PurchaseIntent intent = startStars();
        f.purchases.paid(stars(intent, "charge-1"));
        assertThat(f.purchases.paid(stars(intent, "charge-2"))).isEqualTo(Settlement.ALREADY_PAID);
        assertThat(f.purchases.paid(new Payment(
                        "b".repeat(26), OptionalLong.of(BUYER), "XTR", STARS, "charge-3", f.clock.instant())))
                .isEqualTo(Settlement.UNKNOWN_INTENT);
        assertThat(f.payments.findByCharge("charge-2")).isEmpty();
    }

    @Test
    void starsMustMatchExactlyAndTheCurrencyMustBeTheIntentS() throws PurchaseRefused {
        PurchaseIntent intent = startStars();
        var now = f.clock.instant();
        assertThat(f.purchases.paid(new Payment(intent.id(), OptionalLong.of(BUYER), "XTR", STARS - 1, "c1", now)))
                .isEqualTo(Settlement.SHORT);
        assertThat(f.purchases.paid(new Payment(intent.id(), OptionalLong.of(BUYER), "TON", NANOTONS, "c2", now)))
                .isEqualTo(Settlement.WRONG_CURRENCY);
        assertThat(f.licenses.has(BUYER, f.song.id())).isFalse();
    }

    @Test
    void aCrashBetweenPaymentAndGrantIsFinishedByRecovery() throws PurchaseRefused {
        PurchaseIntent intent = startStars();
        // What a crash leaves: the payment recorded, no license, nothing noted.
        f.payments.settle(intent.id(), "charge-1", f.clock.instant());
        assertThat(f.licenses.has(BUYER, f.song.id())).isFalse();

        assertThat(f.purchases.recover()).isEqualTo(1);
        assertThat(f.licenses.has(BUYER, f.song.id())).isTrue();
        assertThat(f.purchases.find(intent.id()).orElseThrow().licensed()).isTrue();
        assertThat(f.purchases.recover()).isZero();
    }

    @Test
    void aRedeliveredPaymentAlsoFinishesAnInterruptedGrant() throws PurchaseRefused {
        PurchaseIntent intent = startStars();
        f.payments.settle(intent.id(), "charge-1", f.clock.instant());
        assertThat(f.purchases.paid(stars(intent, "charge-1"))).isEqualTo(Settlement.DUPLICATE);
        assertThat(f.licenses.has(BUYER, f.song.id())).isTrue();
    }

    @Test
    void theOwnerRefundsAStarsSaleAndTheLicenseIsRevoked() throws PurchaseRefused {
        PurchaseIntent intent = startStars();
        f.purchases.paid(stars(intent, "charge-1"));

        assertRefused(() -> f.purchases.refund(intent.id(), BUYER), PurchaseRefused.Reason.FORBIDDEN);
        PurchaseIntent refunded = f.purchases.refund(intent.id(), OWNER);

        assertThat(refunded.status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(f.stars.refunds).containsExactly(BUYER + ":charge-1");
        assertThat(f.licenses.has(BUYER, f.song.id())).isFalse();
        assertThat(f.told).containsExactly("licensed " + intent.id(), "refunded " + intent.id());
        assertRefused(() -> f.purchases.refund(intent.id(), OWNER), PurchaseRefused.Reason.CONFLICT);
    }

    @Test
    void aRefundTelegramRefusesChangesNothing() throws PurchaseRefused {
        PurchaseIntent intent = startStars();
        f.purchases.paid(stars(intent, "charge-1"));
        f.stars.failing = true;
        assertRefused(() -> f.purchases.refund(intent.id(), OWNER), PurchaseRefused.Reason.UNAVAILABLE);
        assertThat(f.licenses.has(BUYER, f.song.id())).isTrue();
        assertThat(f.purchases.find(intent.id()).orElseThrow().status()).isEqualTo(PaymentStatus.PAID);
    }

    @Test
    void tonSalesAreNotRefundedByTheNode() throws PurchaseRefused {
        PurchaseIntent intent = f.purchases.start(BUYER, f.song.id(), PaymentMethod.TON);
        f.purchases.paid(new Payment(intent.id(), OptionalLong.empty(), "TON", NANOTONS, "txhash", f.clock.instant()));
        assertRefused(() -> f.purchases.refund(intent.id(), OWNER), PurchaseRefused.Reason.CONFLICT);
        assertThat(f.licenses.has(BUYER, f.song.id())).isTrue();
    }

    @Test
    void aRefundTelegramReportsRevokesOnce() throws PurchaseRefused {
        PurchaseIntent intent = startStars();
        f.purchases.paid(stars(intent, "charge-1"));
        assertThat(f.purchases.refunded("charge-1")).map(PurchaseIntent::status).contains(PaymentStatus.REFUNDED);
        assertThat(f.purchases.refunded("charge-1")).isEmpty();
        assertThat(f.purchases.refunded("never-seen")).isEmpty();
        assertThat(f.licenses.has(BUYER, f.song.id())).isFalse();
        assertThat(f.stars.refunds).isEmpty();
    }

    @Test
    void invoiceLinksComeFromTheGatewayForStarsIntentsOnly() throws PurchaseRefused {
        PurchaseIntent stars = startStars();
        assertThat(f.purchases.invoiceLink(stars, "t", "d")).endsWith(stars.id());
        PurchaseIntent ton = f.purchases.start(BUYER, f.song.id(), PaymentMethod.TON);
        assertRefused(() -> f.purchases.invoiceLink(ton, "t", "d"), PurchaseRefused.Reason.CONFLICT);
    }

    @Test
    void expiryMarksLapsedPendingIntents() throws PurchaseRefused {
        PurchaseIntent intent = startStars();
        f.clock.advance(Duration.ofMinutes(59));
        assertThat(f.purchases.expire()).isZero();
        f.clock.advance(Duration.ofMinutes(1));
        assertThat(f.purchases.expire()).isEqualTo(1);
        assertThat(f.purchases.find(intent.id()).orElseThrow().status()).isEqualTo(PaymentStatus.EXPIRED);
    }

    @Test
    void intentIdsAreTwentySixBase32LettersOfTheRandomBits() {
        byte[] zeros = new byte[16];
        assertThat(IntentIds.next(into -> System.arraycopy(zeros, 0, into, 0, 16)))
                .isEqualTo("a".repeat(26));
        byte[] ones = new byte[16];
        java.util.Arrays.fill(ones, (byte) 0xff);
        // 128 one bits: 25 full letters '7' (31), then the last 3 bits padded with two zero bits: 11100 = 28 = '4'.
        assertThat(IntentIds.next(into -> System.arraycopy(ones, 0, into, 0, 16)))
                .isEqualTo("7".repeat(25) + "4");
        assertThat(List.of(IntentIds.next(dev.cairn.core.port.RandomBytes.secure())))
                .allMatch(PurchaseIntent::isWellFormedId);
    }

    private static void assertRefused(ThrowingCall call, PurchaseRefused.Reason reason) {
        assertThatThrownBy(call::run)
                .isInstanceOf(PurchaseRefused.class)
                .satisfies(e -> assertThat(((PurchaseRefused) e).reason()).isEqualTo(reason));
    }

    private static void assertRefusal(PreCheckout answer, String says) {
        assertThat(answer)
                .isInstanceOfSatisfying(
                        PreCheckout.Refuse.class, r -> assertThat(r.message()).containsIgnoringCase(says));
    }

    @FunctionalInterface
    private interface ThrowingCall {
        void run() throws Exception;
    }
}
