package dev.cairn.core.payment;

import java.util.Objects;

/** Why a purchase cannot start or a refund cannot be made; the message names what was wrong. */
public final class PurchaseRefused extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why, each with the HTTP status an API would answer. */
    public enum Reason {
        /** No content, or no intent, under that id (or not the caller's). */
        NOT_FOUND,
        /** The caller uploaded it: owners are licensed already. */
        OWN_CONTENT,
        /** The caller holds a license already. */
        ALREADY_LICENSED,
        /** The owner set no price for that method. */
        NOT_FOR_SALE,
        /** The caller may not do this (refunding someone else's sale). */
        FORBIDDEN,
        /** The intent is not in a state that allows it (refunding an unpaid or refunded intent, a TON refund). */
        CONFLICT,
        /** The payment provider is not configured or failed to answer. */
        UNAVAILABLE
    }

    private final Reason reason;

    public PurchaseRefused(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
