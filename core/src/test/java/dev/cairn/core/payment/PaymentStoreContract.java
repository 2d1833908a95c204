package dev.cairn.core.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.content.view.PaymentMethod;
import dev.cairn.core.hash.Digest256;
import dev.cairn.core.id.ContentId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link PaymentStore} must do; each implementation's test extends this. A database implementation makes
 * the users {@link #ADA} and {@link #BO} and the content {@link #SONG} exist first.
 */
public abstract class PaymentStoreContract {
    protected static final long ADA = 42;
    protected static final long BO = 7;
    protected static final ContentId SONG = new ContentId(Digest256.blake3("song".getBytes(StandardCharsets.UTF_8)));
    protected static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private static final Instant EXPIRY = T0.plusSeconds(3600);

    protected PaymentStore store;

    protected abstract PaymentStore newStore();

    /** Called before each test: make the users and the content exist where payments need them. */
    protected void usersAndContentsExist() {}

    @BeforeEach
    void open() {
        store = newStore();
        usersAndContentsExist();
    }

    private static String id(char c) {
        return String.valueOf(c).repeat(26);
    }

    private PurchaseIntent stars(char c) {
        return store.create(id(c), ADA, SONG, PaymentMethod.STARS, 50, T0, EXPIRY);
    }

    @Test
    void aCreatedIntentIsPendingAndFoundByItsId() {
        PurchaseIntent created = stars('a');
        assertThat(created.status()).isEqualTo(PaymentStatus.PENDING);
        assertThat(created.key()).isPositive();
        assertThat(store.find(id('a'))).contains(created);
        assertThat(store.find(id('b'))).isEmpty();
        assertThat(created)
                .extracting(
                        PurchaseIntent::userId, PurchaseIntent::content, PurchaseIntent::method, PurchaseIntent::amount)
                .containsExactly(ADA, SONG, PaymentMethod.STARS, 50L);
        assertThat(created.expiresAt()).isEqualTo(EXPIRY);
    }

    @Test
    void intentsGetDistinctKeysAndIdsAreUnique() {
        PurchaseIntent a = stars('a');
        PurchaseIntent b = store.create(id('b'), BO, SONG, PaymentMethod.TON, 1_000_000_000L, T0, EXPIRY);
        assertThat(a.key()).isNotEqualTo(b.key());
        assertThatThrownBy(() -> stars('a')).isInstanceOf(RuntimeException.class);
        assertThat(store.find(id('a'))).contains(a);
    }

    @Test
    void settlingMarksPaidWithTheChargeOnce() {
        stars('a');
        Instant paidAt = T0.plusSeconds(60);
        assertThat(store.settle(id('a'), "charge-1", paidAt)).isTrue();
        PurchaseIntent paid = store.find(id('a')).orElseThrow();
        assertThat(paid.status()).isEqualTo(PaymentStatus.PAID);
        assertThat(paid.chargeId()).contains("charge-1");
        assertThat(paid.paidAt()).contains(paidAt);
        assertThat(paid.licensed()).isFalse();
        assertThat(store.findByCharge("charge-1")).contains(paid);

        assertThat(store.settle(id('a'), "charge-1", paidAt)).isFalse();
        assertThat(store.settle(id('a'), "charge-2", paidAt)).isFalse();
        assertThat(store.findByCharge("charge-2")).isEmpty();
        assertThat(store.find(id('a'))).contains(paid);
    }

    @Test
    void aChargeSettlesOneIntentOnly() {
        stars('a');
        stars('b');
        assertThat(store.settle(id('a'), "charge-1", T0)).isTrue();
        assertThat(store.settle(id('b'), "charge-1", T0)).isFalse();
        assertThat(store.find(id('b')).orElseThrow().status()).isEqualTo(PaymentStatus.PENDING);
    }

    @Test
    void anUnknownIntentSettlesNothing() {
        assertThat(store.settle(id('z'), "charge-1", T0)).isFalse();
        assertThat(store.findByCharge("charge-1")).isEmpty();
    }

    @Test
    void expiryTouchesPendingIntentsDueOnly() {
        stars('a');
        store.create(id('b'), ADA, SONG, PaymentMethod.STARS, 50, T0, EXPIRY.plusSeconds(10));
        stars('c');
        store.settle(id('c'), "charge-c", T0);

        assertThat(store.expire(EXPIRY.minusMillis(1))).isZero();
        assertThat(store.expire(EXPIRY)).isEqualTo(1);
        assertThat(store.find(id('a')).orElseThrow().status()).isEqualTo(PaymentStatus.EXPIRED);
        assertThat(store.find(id('b')).orElseThrow().status()).isEqualTo(PaymentStatus.PENDING);
        assertThat(store.find(id('c')).orElseThrow().status()).isEqualTo(PaymentStatus.PAID);
        assertThat(store.expire(EXPIRY)).isZero();
    }

    @Test
    void anExpiredIntentCanStillBeSettled() {
        stars('a');
        store.expire(EXPIRY);
        assertThat(store.settle(id('a'), "late", EXPIRY.plusSeconds(5))).isTrue();
        assertThat(store.find(id('a')).orElseThrow().status()).isEqualTo(PaymentStatus.PAID);
    }

    @Test
    void paidIntentsAwaitTheirLicenseUntilMarked() {
        stars('a');
        stars('b');
        stars('c');
        store.settle(id('b'), "charge-b", T0.plusSeconds(2));
        store.settle(id('a'), "charge-a", T0.plusSeconds(1));
        assertThat(store.paidUnlicensed(10)).extracting(PurchaseIntent::id).containsExactly(id('a'), id('b'));
        assertThat(store.paidUnlicensed(1)).extracting(PurchaseIntent::id).containsExactly(id('a'));

        assertThat(store.markLicensed(id('a'))).isTrue();
        assertThat(store.markLicensed(id('a'))).isFalse();
        assertThat(store.markLicensed(id('c'))).as("pending").isFalse();
        assertThat(store.find(id('a')).orElseThrow().licensed()).isTrue();
        assertThat(store.paidUnlicensed(10)).extracting(PurchaseIntent::id).containsExactly(id('b'));
    }

    @Test
    void onlyAPaidIntentIsRefunded() {
        stars('a');
        assertThat(store.markRefunded(id('a'))).isFalse();
        store.settle(id('a'), "charge-a", T0);
        store.markLicensed(id('a'));
        assertThat(store.markRefunded(id('a'))).isTrue();
        assertThat(store.markRefunded(id('a'))).isFalse();
        PurchaseIntent refunded = store.find(id('a')).orElseThrow();
        assertThat(refunded.status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(refunded.chargeId()).contains("charge-a");
        assertThat(store.settle(id('a'), "charge-again", T0)).isFalse();
        assertThat(store.paidUnlicensed(10)).isEmpty();
        assertThat(store.findByCharge("charge-a"))
                .map(PurchaseIntent::status)
                .isEqualTo(Optional.of(PaymentStatus.REFUNDED));
    }
}
