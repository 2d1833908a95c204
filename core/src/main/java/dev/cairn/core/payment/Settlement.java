package dev.cairn.core.payment;

import java.util.Locale;

/** What became of a {@link Payment}. */
public enum Settlement {
    /** It settled its intent and the license is granted. */
    LICENSED,
    /** This charge settled the intent before (a repeated delivery): nothing changed. */
    DUPLICATE,
    /** No intent has that id: the money is not matched to a purchase. */
    UNKNOWN_INTENT,
    /** The intent was paid by another charge already, or refunded: this is a second payment for one purchase. */
    ALREADY_PAID,
    /** Less arrived than the intent's price allows ({@link TonAmountRule}), or Stars not the invoice's amount. */
    SHORT,
    /** The currency is not the intent's method. */
    WRONG_CURRENCY;

    /** The lower-case wire and database form. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The value of a wire form. */
    public static Settlement fromWire(String wire) {
        for (Settlement s : values()) {
            if (s.wire().equals(wire)) {
                return s;
            }
        }
        throw new IllegalArgumentException("not a settlement: '" + wire + "'");
    }
}
