package dev.cairn.core.payment;

/** Port: Telegram's Bot API for Stars, through the client bot. */
public interface StarsGateway {
    /**
     * A link the Mini App opens with {@code Telegram.WebApp.openInvoice}: an invoice in {@code XTR} for the intent's
     * amount, with the intent id as payload ({@code createInvoiceLink}).
     *
     * @throws PurchaseRefused {@link PurchaseRefused.Reason#UNAVAILABLE} if Telegram refuses or cannot be reached
     */
    String invoiceLink(PurchaseIntent intent, String title, String description) throws PurchaseRefused;

    /**
     * Gives a paid intent's Stars back to its payer ({@code refundStarPayment}).
     *
     * @throws PurchaseRefused {@link PurchaseRefused.Reason#UNAVAILABLE} if Telegram refuses or cannot be reached
     */
    void refund(long userId, String chargeId) throws PurchaseRefused;
}
