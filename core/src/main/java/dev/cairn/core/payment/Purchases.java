package dev.cairn.core.payment;

import dev.cairn.core.content.ContentRecord;
import dev.cairn.core.content.ContentStore;
import dev.cairn.core.content.License;
import dev.cairn.core.content.LicenseSource;
import dev.cairn.core.content.LicenseStore;
import dev.cairn.core.content.view.PaymentMethod;
import dev.cairn.core.content.view.PriceStore;
import dev.cairn.core.content.view.Prices;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.port.Clock;
import dev.cairn.core.port.RandomBytes;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The purchase use case. An intent fixes user, content, method and price; a payment settles it once (by its charge
 * id) and grants the license; a refund revokes it. The payment is recorded before the license is granted, and the
 * grant noted after: a crash in between leaves a paid, unlicensed intent that {@link #recover()} finishes at start-up.
 */
public final class Purchases {
    private static final Logger LOG = LoggerFactory.getLogger(Purchases.class);
    private static final int RECOVERY_BATCH = 500;

    private final ContentStore contents;
    private final PriceStore prices;
    private final LicenseStore licenses;
    private final PaymentStore payments;
    private final Optional<StarsGateway> stars;
    private final TonAmountRule tonRule;
    private final Clock clock;
    private final RandomBytes random;
    private final Duration intentTtl;
    private final PurchaseListener listener;

    public Purchases(
            ContentStore contents,
            PriceStore prices,
            LicenseStore licenses,
            PaymentStore payments,
            Optional<StarsGateway> stars,
            TonAmountRule tonRule,
            Clock clock,
            RandomBytes random,
            Duration intentTtl,
            PurchaseListener listener) {
        this.contents = Objects.requireNonNull(contents, "contents");
        this.prices = Objects.requireNonNull(prices, "prices");
        this.licenses = Objects.requireNonNull(licenses, "licenses");
        this.payments = Objects.requireNonNull(payments, "payments");
        this.stars = Objects.requireNonNull(stars, "stars");
        this.tonRule = Objects.requireNonNull(tonRule, "tonRule");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.intentTtl = Objects.requireNonNull(intentTtl, "intentTtl");
        this.listener = Objects.requireNonNull(listener, "listener");
        if (intentTtl.isNegative() || intentTtl.isZero()) {
            throw new IllegalArgumentException("an intent lives > 0 s, got " + intentTtl);
        }
    }

    /**
     * Starts {@code userId}'s purchase of {@code content} by {@code method} at the owner's current price.
     *
     * @throws PurchaseRefused if there is no such content, it is the user's own, the user holds a license, or the
     *     owner set no price for the method
     */
    public PurchaseIntent start(long userId, ContentId content, PaymentMethod method) throws PurchaseRefused {
        ContentRecord record = contents.find(content)
                .orElseThrow(() -> new PurchaseRefused(PurchaseRefused.Reason.NOT_FOUND, "no content " + content));
        if (record.ownerId() == userId) {
            throw new PurchaseRefused(
                    PurchaseRefused.Reason.OWN_CONTENT, "content " + content + " is the caller's own upload");
        }
        if (licenses.has(userId, content)) {
            throw new PurchaseRefused(
                    PurchaseRefused.Reason.ALREADY_LICENSED, "the caller holds a license to " + content + " already");
        }
        OptionalLong price = priceOf(prices.of(content), method);
        if (price.isEmpty()) {
            throw new PurchaseRefused(
                    PurchaseRefused.Reason.NOT_FOR_SALE, "content " + content + " has no " + method.wire() + " price");
        }
        Instant now = clock.instant();
        return payments.create(
                IntentIds.next(random), userId, content, method, price.getAsLong(), now, now.plus(intentTtl));
    }

    /**
     * A Stars invoice link for a pending Stars intent of {@code userId}.
     *
     * @throws PurchaseRefused if the intent is not the user's pending Stars intent, or Stars are not configured
     */
    public String invoiceLink(PurchaseIntent intent, String title, String description) throws PurchaseRefused {
        if (intent.method() != PaymentMethod.STARS) {
            throw new PurchaseRefused(PurchaseRefused.Reason.CONFLICT, "intent " + intent.id() + " is not in Stars");
        }
        return gateway().invoiceLink(intent, title, description);
    }

    /** The intent {@code id}, if any. */
    public Optional<PurchaseIntent> find(String id) {
        return PurchaseIntent.isWellFormedId(id) ? payments.find(id) : Optional.empty();
    }

    /**
     * Telegram's last question before it charges: whether intent {@code payload} may be paid by {@code payer} with
     * {@code amount} of {@code currency} now. Refuses an unknown, foreign, settled or expired intent, a price that has
     * changed since, and a payer who holds a license already.
     */
    public PreCheckout preCheckout(String payload, long payer, String currency, long amount) {
        Optional<PurchaseIntent> found = find(payload);
        if (found.isEmpty()) {
            return PreCheckout.refuse("This purchase is unknown. Please start it again from the content page.");
        }
        PurchaseIntent intent = found.get();
        if (intent.userId() != payer) {
            return PreCheckout.refuse("This purchase was started by another account.");
        }
        if (intent.status() != PaymentStatus.PENDING || intent.expiredAt(clock.instant())) {
            return PreCheckout.refuse(
                    intent.status() == PaymentStatus.PAID
                            ? "This purchase is paid already."
                            : "This purchase has expired. Please start it again from the content page.");
        }
        if (!intent.currency().equals(currency) || intent.amount() != amount) {
            return PreCheckout.refuse("The invoice does not match this purchase. Please start it again.");
        }
        OptionalLong now = priceOf(prices.of(intent.content()), intent.method());
        if (now.isEmpty() || now.getAsLong() != intent.amount()) {
            return PreCheckout.refuse("The price has changed. Please start the purchase again.");
        }
        if (licenses.has(payer, intent.content())) {
            return PreCheckout.refuse("You already own this content.");
        }
        if (contents.find(intent.content()).isEmpty()) {
            return PreCheckout.refuse("This content is no longer available.");
        }
        return PreCheckout.accept();
    }

    /**
     * Settles the intent a payment names and grants its license; idempotent per charge id, so a payment delivered
     * twice grants once.
     */
    public Settlement paid(Payment payment) {
        Objects.requireNonNull(payment, "payment");
        Optional<PurchaseIntent> byCharge = payments.findByCharge(payment.chargeId());
        if (byCharge.isPresent()) {
            finishLicense(byCharge.get());
            return Settlement.DUPLICATE;
        }
        Optional<PurchaseIntent> found = find(payment.intentId());
        if (found.isEmpty()) {
            LOG.warn(
                    "a {} payment {} names no intent ('{}')",
                    payment.currency(),
                    payment.chargeId(),
                    payment.intentId());
            return Settlement.UNKNOWN_INTENT;
        }
        PurchaseIntent intent = found.get();
        if (!intent.currency().equals(payment.currency())) {
            return Settlement.WRONG_CURRENCY;
        }
        if (!enough(intent, payment.amount())) {
            LOG.warn(
                    "intent {} asks {} {}, payment {} brought {}",
                    intent.id(),
                    intent.amount(),
                    intent.currency(),
                    payment.chargeId(),
                    payment.amount());
            return Settlement.SHORT;
        }
        if (!payments.settle(intent.id(), payment.chargeId(), payment.at())) {
            // Lost a race, or the intent was paid or refunded before: read again to tell which.
            if (payments.findByCharge(payment.chargeId()).isPresent()) {
                return Settlement.DUPLICATE;
            }
            return Settlement.ALREADY_PAID;
        }
        PurchaseIntent paid = payments.find(intent.id()).orElseThrow();
        finishLicense(paid);
        return Settlement.LICENSED;
    }

    private boolean enough(PurchaseIntent intent, long amount) {
        return switch (intent.method()) {
            case STARS -> amount == intent.amount();
            case TON -> tonRule.pays(amount, intent.amount());
        };
    }

    /** Grants a paid intent's license if not yet noted; the one step recovery repeats. */
    private void finishLicense(PurchaseIntent intent) {
        if (intent.status() != PaymentStatus.PAID || intent.licensed()) {
            return;
        }
        boolean granted = licenses.grant(new License(
                intent.userId(),
                intent.content(),
                LicenseSource.PURCHASE,
                OptionalLong.of(intent.key()),
                intent.paidAt().orElseThrow()));
        if (payments.markLicensed(intent.id()) && granted) {
            listener.licensed(intent);
        }
    }

    /**
     * Refunds paid intent {@code id} on request of {@code requestedBy}, who must be the content's owner: Telegram
     * gives the Stars back, then the license is revoked.
     *
     * @throws PurchaseRefused if unknown, not the requester's sale, not a paid Stars purchase, or Telegram refuses
     */
    public PurchaseIntent refund(String id, long requestedBy) throws PurchaseRefused {
        PurchaseIntent intent =
                find(id).orElseThrow(() -> new PurchaseRefused(PurchaseRefused.Reason.NOT_FOUND, "no purchase " + id));
        Optional<ContentRecord> content = contents.find(intent.content());
        if (content.isEmpty() || content.get().ownerId() != requestedBy) {
            throw new PurchaseRefused(
                    PurchaseRefused.Reason.FORBIDDEN, "only the owner of " + intent.content() + " refunds its sales");
        }
        if (intent.status() != PaymentStatus.PAID) {
            throw new PurchaseRefused(
                    PurchaseRefused.Reason.CONFLICT,
                    "purchase " + id + " is " + intent.status().wire() + ", not paid");
        }
        if (intent.method() != PaymentMethod.STARS) {
            throw new PurchaseRefused(
                    PurchaseRefused.Reason.CONFLICT,
                    "TON purchases are refunded by sending TON back from the receiving wallet; this node holds no"
                            + " wallet key");
        }
        gateway().refund(intent.userId(), intent.chargeId().orElseThrow());
        return revoke(intent);
    }

    /** Telegram reports a refund of charge {@code chargeId} (a {@code refunded_payment}): the license is revoked. */
    public Optional<PurchaseIntent> refunded(String chargeId) {
        return payments.findByCharge(chargeId)
                .filter(i -> i.status() == PaymentStatus.PAID)
                .map(this::revoke);
    }

    private PurchaseIntent revoke(PurchaseIntent intent) {
        boolean marked = payments.markRefunded(intent.id());
        licenses.revoke(intent.userId(), intent.content());
        PurchaseIntent after = payments.find(intent.id()).orElseThrow();
        if (marked) {
            listener.refunded(after);
        }
        return after;
    }

    /** Grants every license a paid intent bought but never got (a crash between payment and grant); returns how many. */
    public int recover() {
        int done = 0;
        for (var batch = payments.paidUnlicensed(RECOVERY_BATCH);
                !batch.isEmpty();
                batch = payments.paidUnlicensed(RECOVERY_BATCH)) {
            for (PurchaseIntent intent : batch) {
                finishLicense(intent);
                done++;
            }
        }
        if (done > 0) {
            LOG.info("granted {} license(s) paid before the last stop but never granted", done);
        }
        return done;
    }

    /** Marks pending intents past their expiry expired; returns how many. */
    public int expire() {
        return payments.expire(clock.instant());
    }

    private StarsGateway gateway() throws PurchaseRefused {
        return stars.orElseThrow(() -> new PurchaseRefused(
                PurchaseRefused.Reason.UNAVAILABLE, "Stars payments need TELEGRAM_CLIENT_BOT_TOKEN; none is set"));
    }

    private static OptionalLong priceOf(Prices prices, PaymentMethod method) {
        return switch (method) {
            case STARS -> prices.stars();
            case TON -> prices.nanotons();
        };
    }
}
