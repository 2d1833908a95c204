package dev.cairn.core.payment;

import java.util.Locale;

/** Where a purchase intent stands; the {@code payments.status} column. */
public enum PaymentStatus {
    /** Created, not paid yet; a Stars checkout or a TON transfer may still settle it. */
    PENDING,
    /** Paid: a charge (Stars) or a transaction (TON) settled it, and it buys a license. */
    PAID,
    /** Refused for good (kept for rows written by other tools; this node never sets it). */
    FAILED,
    /** Past its expiry unpaid. A TON transfer carrying its comment still settles it: the money has moved. */
    EXPIRED,
    /** Paid, then refunded: its license is revoked. */
    REFUNDED;

    /** The lower-case wire and database form. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The value of a wire form. */
    public static PaymentStatus fromWire(String wire) {
        for (PaymentStatus s : values()) {
            if (s.wire().equals(wire)) {
                return s;
            }
        }
        throw new IllegalArgumentException(
                "a payment status is pending, paid, failed, expired or refunded, got '" + wire + "'");
    }
}
