package dev.cairn.adapters.telegram.stars;

import com.pengrad.telegrambot.model.request.LabeledPrice;
import com.pengrad.telegrambot.request.CreateInvoiceLink;
import com.pengrad.telegrambot.request.SendInvoice;
import dev.cairn.core.content.view.PaymentMethod;
import dev.cairn.core.payment.PurchaseIntent;
import java.util.Objects;

/**
 * A Telegram Stars invoice for one purchase intent, as a chat message ({@code sendInvoice}) or as a link the Mini App
 * opens ({@code createInvoiceLink}). The same in both: currency {@code XTR}, the empty provider token Stars take, one
 * price of the intent's amount, and the intent id as payload, which is how the payment is matched when it arrives.
 */
public record StarsInvoice(String title, String description, String payload, long stars) {
    /** Telegram's bounds on an invoice's title and description. */
    static final int MAX_TITLE = 32;

    static final int MAX_DESCRIPTION = 255;

    public static final String CURRENCY = "XTR";

    public StarsInvoice {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(payload, "payload");
        if (stars <= 0 || stars > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("an invoice asks 1 or more Stars, got " + stars);
        }
        title = fit(title.isBlank() ? "Content" : title, MAX_TITLE);
        description = fit(description.isBlank() ? title : description, MAX_DESCRIPTION);
    }

    /** The invoice for {@code intent}, which must be in Stars. */
    public static StarsInvoice of(PurchaseIntent intent, String title, String description) {
        if (intent.method() != PaymentMethod.STARS) {
            throw new IllegalArgumentException("intent " + intent.id() + " is in " + intent.currency() + ", not Stars");
        }
        return new StarsInvoice(title, description, intent.id(), intent.amount());
    }

    /** As a message in chat {@code chatId}. */
    public SendInvoice toMessage(long chatId) {
        return new SendInvoice(chatId, title, description, payload, CURRENCY, price()).providerToken("");
    }

    /** As a link. */
    public CreateInvoiceLink toLink() {
        return new CreateInvoiceLink(title, description, payload, CURRENCY, price()).providerToken("");
    }

    private LabeledPrice price() {
        return new LabeledPrice(title, Math.toIntExact(stars));
    }

    /** At most {@code max} characters (whole code points), an ellipsis marking a cut. */
    private static String fit(String text, int max) {
        String stripped = text.strip();
        if (stripped.codePointCount(0, stripped.length()) <= max) {
            return stripped;
        }
        int end = stripped.offsetByCodePoints(0, max - 1);
        return stripped.substring(0, end) + "…";
    }
}
