package dev.cairn.core.payment;

import java.util.Objects;

/** The answer to Telegram's {@code pre_checkout_query}: go ahead, or refuse with a message the payer reads. */
public sealed interface PreCheckout {
    /** The checkout may proceed. */
    record Accept() implements PreCheckout {}

    /** The checkout is refused; {@code message} is shown to the payer by Telegram. */
    record Refuse(String message) implements PreCheckout {
        public Refuse {
            Objects.requireNonNull(message, "message");
        }
    }

    static PreCheckout accept() {
        return new Accept();
    }

    static PreCheckout refuse(String message) {
        return new Refuse(message);
    }
}
