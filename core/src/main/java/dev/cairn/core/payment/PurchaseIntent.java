package dev.cairn.core.payment;

import dev.cairn.core.content.view.PaymentMethod;
import dev.cairn.core.id.ContentId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A user's intent to buy a content by one method at one price: a row of {@code payments}.
 *
 * @param key the store's number for it (what a purchase {@link dev.cairn.core.content.License} points to)
 * @param id the public id: the Stars invoice payload and the TON transfer comment, so it is how a payment is matched
 * @param amount in the method's smallest unit (whole Stars, nanotons)
 * @param chargeId Telegram's {@code telegram_payment_charge_id}, or the TON transaction hash; present once paid
 * @param licensed whether the license it bought has been granted (a paid intent without is what recovery finds)
 */
public record PurchaseIntent(
        long key,
        String id,
        long userId,
        ContentId content,
        PaymentMethod method,
        long amount,
        PaymentStatus status,
        Instant createdAt,
        Instant expiresAt,
        Optional<String> chargeId,
        Optional<Instant> paidAt,
        boolean licensed) {
    private static final Pattern ID = Pattern.compile("[a-z2-7]{26}");

    public PurchaseIntent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(chargeId, "chargeId");
        Objects.requireNonNull(paidAt, "paidAt");
        if (!isWellFormedId(id)) {
            throw new IllegalArgumentException("an intent id is 26 characters of a-z and 2-7, got '" + id + "'");
        }
        if (userId <= 0) {
            throw new IllegalArgumentException("a Telegram user id is > 0, got " + userId);
        }
        if (amount <= 0) {
            throw new IllegalArgumentException("an amount is > 0, got " + amount);
        }
        boolean settled = status == PaymentStatus.PAID || status == PaymentStatus.REFUNDED;
        if (settled != chargeId.isPresent() || settled != paidAt.isPresent()) {
            throw new IllegalArgumentException("a " + status.wire() + " intent " + (settled ? "has" : "has no")
                    + " charge id and payment time: " + chargeId + ", " + paidAt);
        }
        if (licensed && status != PaymentStatus.PAID && status != PaymentStatus.REFUNDED) {
            throw new IllegalArgumentException("only a paid intent has bought a license, not a " + status.wire());
        }
    }

    /** Whether {@code id} has the form of an intent id (26 letters of RFC 4648 base32, lower case). */
    public static boolean isWellFormedId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    public String currency() {
        return method.currency();
    }

    /** Whether it is past its expiry at {@code now}. */
    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
