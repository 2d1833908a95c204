package dev.cairn.adapters.telegram.bot;

import com.pengrad.telegrambot.model.CallbackQuery;
import com.pengrad.telegrambot.model.Message;
import com.pengrad.telegrambot.model.PreCheckoutQuery;
import com.pengrad.telegrambot.model.RefundedPayment;
import com.pengrad.telegrambot.model.SuccessfulPayment;
import com.pengrad.telegrambot.request.AnswerCallbackQuery;
import com.pengrad.telegrambot.request.AnswerPreCheckoutQuery;
import com.pengrad.telegrambot.request.RefundStarPayment;
import dev.cairn.adapters.telegram.stars.StarsInvoice;
import dev.cairn.core.content.ContentRecord;
import dev.cairn.core.content.view.ContentViews;
import dev.cairn.core.content.view.PaymentMethod;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.payment.Payment;
import dev.cairn.core.payment.PreCheckout;
import dev.cairn.core.payment.PurchaseIntent;
import dev.cairn.core.payment.PurchaseRefused;
import dev.cairn.core.payment.Purchases;
import dev.cairn.core.payment.Settlement;
import dev.cairn.core.port.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client bot's side of a purchase: the buy buttons (a Stars invoice in chat, or TON payment instructions),
 * Telegram's pre-checkout query, and the payment and refund service messages, each handed to core's {@link Purchases}.
 */
final class Checkout {
    private static final Logger log = LoggerFactory.getLogger(Checkout.class);

    private final BotApi api;
    private final ContentViews views;
    private final Purchases purchases;
    private final Optional<String> tonAddress;
    private final Clock clock;

    Checkout(BotApi api, ContentViews views, Purchases purchases, Optional<String> tonAddress, Clock clock) {
        this.api = Objects.requireNonNull(api, "api");
        this.views = Objects.requireNonNull(views, "views");
        this.purchases = Objects.requireNonNull(purchases, "purchases");
        this.tonAddress = Objects.requireNonNull(tonAddress, "tonAddress");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Telegram's last question before it charges; it cancels the checkout if not answered within 10 s. */
    void preCheckout(PreCheckoutQuery query) {
        PreCheckout answer;
        try {
            answer = purchases.preCheckout(
                    query.invoicePayload(), query.from().id(), query.currency(), query.totalAmount());
        } catch (RuntimeException e) {
            // Unanswered, the payer waits 10 s for a vague error; a prompt refusal tells them to try later.
            api.call(new AnswerPreCheckoutQuery(
                    query.id(), "Payments are not available right now. Please try again in a few minutes."));
            throw e;
        }
        switch (answer) {
            case PreCheckout.Accept accept -> api.call(new AnswerPreCheckoutQuery(query.id()));
            case PreCheckout.Refuse refuse -> {
                log.info("Pre-checkout of purchase '{}' refused: {}", query.invoicePayload(), refuse.message());
                api.call(new AnswerPreCheckoutQuery(query.id(), refuse.message()));
            }
        }
    }

    void paid(Message message, SuccessfulPayment payment) {
        long payer = message.from().id();
        Settlement outcome = purchases.paid(new Payment(
                payment.invoicePayload(),
                OptionalLong.of(payer),
                payment.currency(),
                payment.totalAmount(),
                payment.telegramPaymentChargeId(),
                clock.instant()));
        switch (outcome) {
            // The buyer is told by BuyerNotices, once, when the license is granted.
            case LICENSED, DUPLICATE -> {}
            // Telegram took Stars that bought nothing: give them back.
            case UNKNOWN_INTENT, ALREADY_PAID, SHORT, WRONG_CURRENCY ->
                refundUnmatched(message.chat().id(), payer, payment, outcome);
        }
    }

    private void refundUnmatched(long chatId, long payer, SuccessfulPayment payment, Settlement outcome) {
        String charge = payment.telegramPaymentChargeId();
        if (!StarsInvoice.CURRENCY.equals(payment.currency())) {
            log.warn(
                    "Payment {} in {} settled nothing ({}); not a Stars payment, so not refunded",
                    charge,
                    payment.currency(),
                    outcome.wire());
            return;
        }
        String amount = Chats.stars(payment.totalAmount());
        try {
            api.call(new RefundStarPayment(payer, charge));
            log.warn(
                    "Stars payment {} of user {} settled nothing ({}); refunded {}",
                    charge,
                    payer,
                    outcome.wire(),
                    amount);
            Chats.send(
                    api,
                    chatId,
                    (outcome == Settlement.ALREADY_PAID
                                    ? "This purchase was already paid for."
                                    : "This payment could not be matched to a purchase.")
                            + " Your " + amount + " have been refunded.",
                    Optional.empty());
        } catch (BotApiException e) {
            log.error(
                    "Stars payment {} of user {} settled nothing ({}) and its refund failed: {}",
                    charge,
                    payer,
                    outcome.wire(),
                    e.getMessage());
            Chats.send(
                    api,
                    chatId,
                    "This payment could not be matched to a purchase, and refunding your " + amount
                            + " failed for now. Please send /paysupport so we can sort it out.",
                    Optional.empty());
        }
    }

    void refunded(RefundedPayment refund) {
        // The buyer is told by BuyerNotices if this revoked a license.
        if (purchases.refunded(refund.telegramPaymentChargeId()).isEmpty()) {
            log.info("Refund of charge {} matches no paid purchase", refund.telegramPaymentChargeId());
        }
    }

    /** A press of a buy button. */
    void buy(CallbackQuery query) {
        Optional<BuyButton> buy = BuyButton.parse(query.data());
        if (buy.isEmpty()) {
            api.call(new AnswerCallbackQuery(query.id()).text("This button is no longer valid."));
            return;
        }
        long user = query.from().id();
        long chat = query.message() != null ? query.message().chat().id() : user;
        switch (buy.get().method()) {
            case STARS -> buyWithStars(query, user, chat, buy.get().content());
            case TON -> buyWithTon(query, user, chat, buy.get().content());
        }
    }

    private void buyWithStars(CallbackQuery query, long user, long chat, ContentId content) {
        PurchaseIntent intent;
        try {
            intent = purchases.start(user, content, PaymentMethod.STARS);
        } catch (PurchaseRefused e) {
            refuse(query, e);
            return;
        }
        String title = views.content(content).map(ContentRecord::title).orElse("Content");
        answered(
                query,
                () -> api.call(StarsInvoice.of(intent, title, "Unlocks \"" + title + "\" for you on Cairn.")
                        .toMessage(chat)));
    }

    private void buyWithTon(CallbackQuery query, long user, long chat, ContentId content) {
        if (tonAddress.isEmpty()) {
            api.call(new AnswerCallbackQuery(query.id()).text("TON payments are not available here."));
            return;
        }
        PurchaseIntent intent;
        try {
            intent = purchases.start(user, content, PaymentMethod.TON);
        } catch (PurchaseRefused e) {
            refuse(query, e);
            return;
        }
        String address = tonAddress.get();
        String title = views.content(content).map(ContentRecord::title).orElse("this content");
        String text = "To buy \"" + title + "\", send " + Chats.ton(intent.amount()) + " to\n" + address
                + "\nwith this comment:\n" + intent.id()
                + "\n\nThe comment is how your payment is found, so send it exactly."
                + " Or open this link in your wallet:\n"
                + "ton://transfer/" + address + "?amount=" + intent.amount() + "&text=" + intent.id()
                + "\n\nYou will get a message here once the payment has arrived.";
        answered(query, () -> Chats.send(api, chat, text, Optional.empty()));
    }

    /**
     * Does what a button asked, then answers its query; if that fails, the query is answered with an apology, so the
     * button does not spin until Telegram gives up on it.
     */
    private void answered(CallbackQuery query, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            api.call(new AnswerCallbackQuery(query.id())
                    .text("Sorry, that did not work. Please try again in a moment.")
                    .showAlert(true));
            throw e;
        }
        api.call(new AnswerCallbackQuery(query.id()));
    }

    private void refuse(CallbackQuery query, PurchaseRefused refused) {
        String text = switch (refused.reason()) {
            case OWN_CONTENT -> "This is your own upload; it is yours already.";
            case ALREADY_LICENSED -> "You already own this.";
            case NOT_FOR_SALE -> "This content is not for sale.";
            case NOT_FOUND -> "This content is no longer available.";
            case UNAVAILABLE -> "Payments are not available right now. Please try again later.";
            case FORBIDDEN, CONFLICT -> refused.getMessage();
        };
        api.call(new AnswerCallbackQuery(query.id()).text(text).showAlert(true));
    }
}
