package dev.cairn.core.payment;

/** Told when a purchase licenses its buyer or is refunded: the client bot tells the buyer. Must not throw. */
public interface PurchaseListener {
    PurchaseListener NONE = new PurchaseListener() {};

    default void licensed(PurchaseIntent intent) {}

    default void refunded(PurchaseIntent intent) {}
}
