package dev.cairn.adapters.telegram.bot;

import com.pengrad.telegrambot.model.CallbackQuery;
import com.pengrad.telegrambot.model.Message;
import com.pengrad.telegrambot.model.PreCheckoutQuery;
import com.pengrad.telegrambot.model.RefundedPayment;
import com.pengrad.telegrambot.model.SuccessfulPayment;
import com.pengrad.telegrambot.model.Update;
import com.pengrad.telegrambot.model.request.InlineKeyboardButton;
import com.pengrad.telegrambot.model.request.InlineKeyboardMarkup;
import com.pengrad.telegrambot.request.AnswerCallbackQuery;
import com.pengrad.telegrambot.request.AnswerPreCheckoutQuery;
import com.pengrad.telegrambot.request.RefundStarPayment;
import dev.cairn.adapters.telegram.stars.StarsInvoice;
import dev.cairn.core.content.view.ContentView;
import dev.cairn.core.content.view.ContentViews;
import dev.cairn.core.content.view.LicenseState;
import dev.cairn.core.content.view.PaymentMethod;
import dev.cairn.core.content.view.PurchaseOption;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.payment.Payment;
import dev.cairn.core.payment.PreCheckout;
import dev.cairn.core.payment.PurchaseIntent;
import dev.cairn.core.payment.PurchaseRefused;
import dev.cairn.core.payment.Purchases;
import dev.cairn.core.payment.Settlement;
import dev.cairn.core.port.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client bot: shows a content's card from a deep link ({@code /start <content id>}), sells it for Telegram Stars
 * (an invoice in chat, then Telegram's pre-checkout query and successful payment) or TON (payment instructions), and
 * answers {@code /paysupport}. Licenses are granted by core's {@link Purchases}; {@link BuyerNotices} tells the buyer.
 */
public final class ClientBot implements UpdateHandler {
    private static final Logger log = LoggerFactory.getLogger(ClientBot.class);

    static final String SUPPORT = """
            Need help with a payment? Write to the person who runs this node, or reply here with what happened \
            (the content, the time, and how you paid) and we will get back to you.

            Stars paid for a purchase that did not go through are refunded automatically. A bought content stays \
            yours: open it from the link in the bot's message or from "Purchases" in the app.""";

    private final BotApi api;
    private final ContentViews views;
    private final Purchases purchases;
    private final Links links;
    private final Optional<String> tonAddress;
    private final Clock clock;

    /**
     * @param api the client bot's connection
     * @param views what a user may see of a content (its card)
     * @param purchases the purchase use case the buy buttons and payments go to
     * @param links the node's Mini App pages
     * @param tonAddress the wallet TON purchases pay to; empty: no TON button
     * @param clock the time a payment is recorded at
     */
    public ClientBot(
            BotApi api,
            ContentViews views,
            Purchases purchases,
            Links links,
            Optional<String> tonAddress,
            Clock clock) {
        this.api = Objects.requireNonNull(api, "api");
        this.views = Objects.requireNonNull(views, "views");
        this.purchases = Objects.requireNonNull(purchases, "purchases");
        this.links = Objects.requireNonNull(links, "links");
        this.tonAddress = Objects.requireNonNull(tonAddress, "tonAddress").filter(a -> !a.isBlank());
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void handle(Update update) {
        if (update.preCheckoutQuery() != null) {
            preCheckout(update.preCheckoutQuery());
        } else if (update.callbackQuery() != null) {
            callback(update.callbackQuery());
        } else if (update.message() != null) {
            message(update.message());
        }
    }

    // ---- Stars: the last question before Telegram charges, and the payment itself ----

    private void preCheckout(PreCheckoutQuery query) {
        PreCheckout answer =
                purchases.preCheckout(query.invoicePayload(), query.from().id(), query.currency(), query.totalAmount());
        switch (answer) {
            case PreCheckout.Accept accept -> api.call(new AnswerPreCheckoutQuery(query.id()));
            case PreCheckout.Refuse refuse -> {
                log.info("Pre-checkout of purchase '{}' refused: {}", query.invoicePayload(), refuse.message());
                api.call(new AnswerPreCheckoutQuery(query.id(), refuse.message()));
            }
        }
    }

    private void paid(Message message, SuccessfulPayment payment) {
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

    private void refunded(RefundedPayment refund) {
        // The buyer is told by BuyerNotices if this revoked a license.
        if (purchases.refunded(refund.telegramPaymentChargeId()).isEmpty()) {
            log.info("Refund of charge {} matches no paid purchase", refund.telegramPaymentChargeId());
        }
    }

    // ---- buy buttons ----

    private void callback(CallbackQuery query) {
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
        String title = views.content(content).map(c -> c.title()).orElse("Content");
        api.call(StarsInvoice.of(intent, title, "Unlocks \"" + title + "\" for you on Cairn.")
                .toMessage(chat));
        api.call(new AnswerCallbackQuery(query.id()));
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
        String title = views.content(content).map(c -> c.title()).orElse("this content");
        String text = "To buy \"" + title + "\", send " + Chats.ton(intent.amount()) + " to\n" + address
                + "\nwith this comment:\n" + intent.id()
                + "\n\nThe comment is how your payment is found, so send it exactly. Or open this link in your wallet:\n"
                + "ton://transfer/" + address + "?amount=" + intent.amount() + "&text=" + intent.id()
                + "\n\nYou will get a message here once the payment has arrived.";
        Chats.send(api, chat, text, Optional.empty());
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

    // ---- commands ----

    private void message(Message message) {
        if (message.successfulPayment() != null) {
            paid(message, message.successfulPayment());
            return;
        }
        if (message.refundedPayment() != null) {
            refunded(message.refundedPayment());
            return;
        }
        if (message.from() == null || message.text() == null) {
            return;
        }
        long chat = message.chat().id();
        Command command = Command.parse(message.text());
        switch (command.name()) {
            case "start" -> {
                if (command.argument().isEmpty()) {
                    welcome(chat);
                } else {
                    card(chat, message.from().id(), command.argument().get());
                }
            }
            case "paysupport" -> Chats.send(api, chat, SUPPORT, Optional.empty());
            default ->
                Chats.send(
                        api,
                        chat,
                        "Open a content from its link to see it here, or browse your contents in the app.",
                        Chats.oneButton(Chats.app("Open Cairn", links.mine())));
        }
    }

    private void welcome(long chat) {
        Chats.send(
                api,
                chat,
                "Welcome to Cairn! Open a content from a link someone shared with you, or open the app to see your"
                        + " contents and purchases.",
                Chats.oneButton(Chats.app("Open Cairn", links.mine())));
    }

    private void card(long chat, long user, String argument) {
        Optional<ContentId> id = parseId(argument);
        Optional<ContentView> view = id.flatMap(i -> views.view(i, OptionalLong.of(user)));
        if (view.isEmpty()) {
            Chats.send(
                    api,
                    chat,
                    id.isEmpty()
                            ? "That link does not point to a content. Please check that it was copied whole."
                            : "There is no such content here. It may have been removed.",
                    Chats.oneButton(Chats.app("Open Cairn", links.mine())));
            return;
        }
        ContentView v = view.get();
        StringBuilder text = new StringBuilder()
                .append(v.title().isBlank() ? "Untitled" : v.title())
                .append('\n')
                .append(Cards.kind(v.kind()))
                .append(" · ")
                .append(Cards.status(v.status()));
        List<InlineKeyboardButton[]> rows = new ArrayList<>();
        rows.add(new InlineKeyboardButton[] {Chats.app("Open", links.content(v.id()))});
        if (v.license() == LicenseState.OWNER) {
            text.append("\n\nYou uploaded this, so you own it.");
        } else if (v.license() == LicenseState.LICENSED) {
            text.append("\n\nYou own this.");
        } else {
            List<InlineKeyboardButton> buy = new ArrayList<>();
            for (PurchaseOption option : v.purchaseOptions()) {
                switch (option.method()) {
                    case STARS ->
                        buy.add(Chats.callback(
                                "Buy for " + Chats.stars(option.amount()),
                                BuyButton.data(PaymentMethod.STARS, v.id())));
                    case TON ->
                        tonAddress.ifPresent(a -> buy.add(Chats.callback(
                                "Buy for " + Chats.ton(option.amount()), BuyButton.data(PaymentMethod.TON, v.id()))));
                }
            }
            if (!buy.isEmpty()) {
                text.append("\n\nBuy it to watch or listen in full.");
                rows.add(buy.toArray(InlineKeyboardButton[]::new));
            }
        }
        Chats.send(
                api,
                chat,
                text.toString(),
                Optional.of(new InlineKeyboardMarkup(rows.toArray(InlineKeyboardButton[][]::new))));
    }

    private static Optional<ContentId> parseId(String argument) {
        try {
            return Optional.of(ContentId.fromHex(argument.strip().toLowerCase(java.util.Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
