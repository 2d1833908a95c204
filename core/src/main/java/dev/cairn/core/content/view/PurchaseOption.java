package dev.cairn.core.content.view;

import java.util.Objects;

/** One way to buy a content: a method and its price, in the method's smallest unit (Stars, nanotons). */
public record PurchaseOption(PaymentMethod method, long amount) {
    public PurchaseOption {
        Objects.requireNonNull(method, "method");
        if (amount <= 0) {
            throw new IllegalArgumentException("a " + method.wire() + " price is > 0, got " + amount);
        }
    }

    public String currency() {
        return method.currency();
    }
}
