package dev.cairn.adapters.telegram.stars;

import com.pengrad.telegrambot.request.RefundStarPayment;
import dev.cairn.adapters.telegram.bot.BotApi;
import dev.cairn.adapters.telegram.bot.BotApiException;
import dev.cairn.core.payment.PurchaseIntent;
import dev.cairn.core.payment.PurchaseRefused;
import dev.cairn.core.payment.StarsGateway;
import java.util.Objects;

/** Core's {@link StarsGateway} on the client bot: Stars invoices and refunds through the Bot API. */
public final class BotStarsGateway implements StarsGateway {
    private final BotApi api;

    /** @param api the client bot: payments are made to, and refunded by, the bot that issued the invoice */
    public BotStarsGateway(BotApi api) {
        this.api = Objects.requireNonNull(api, "api");
    }

    @Override
    public String invoiceLink(PurchaseIntent intent, String title, String description) throws PurchaseRefused {
        try {
            return api.call(StarsInvoice.of(intent, title, description).toLink())
                    .result();
        } catch (BotApiException e) {
            throw unavailable("create an invoice for purchase " + intent.id(), e);
        }
    }

    @Override
    public void refund(long userId, String chargeId) throws PurchaseRefused {
        try {
            api.call(new RefundStarPayment(userId, chargeId));
        } catch (BotApiException e) {
            throw unavailable("refund charge " + chargeId, e);
        }
    }

    private static PurchaseRefused unavailable(String what, BotApiException e) {
        String why = e.errorCode()
                .map(code -> "Telegram refused: " + code + " " + e.description())
                .orElse("Telegram could not be reached: " + e.description());
        return new PurchaseRefused(PurchaseRefused.Reason.UNAVAILABLE, "could not " + what + "; " + why);
    }
}
