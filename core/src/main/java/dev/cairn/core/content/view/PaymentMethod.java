package dev.cairn.core.content.view;

import java.util.Locale;

/** How a content can be bought; the {@code payments.method} column. */
public enum PaymentMethod {
    /** Telegram Stars; amounts in whole Stars, currency {@code XTR}. */
    STARS("XTR"),
    /** Toncoin; amounts in nanotons, currency {@code TON}. */
    TON("TON");

    private final String currency;

    PaymentMethod(String currency) {
        this.currency = currency;
    }

    /** The currency code of the method's amounts, as the {@code payments.currency} column holds it. */
    public String currency() {
        return currency;
    }

    /** The lower-case wire and database form. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
