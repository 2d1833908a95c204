package dev.cairn.adapters.telegram.bot;

import com.pengrad.telegrambot.model.Message;
import com.pengrad.telegrambot.model.Update;
import com.pengrad.telegrambot.model.request.InlineKeyboardButton;
import com.pengrad.telegrambot.model.request.InlineKeyboardMarkup;
import dev.cairn.core.content.view.ContentView;
import dev.cairn.core.content.view.ContentViews;
import dev.cairn.core.content.view.LicenseState;
import dev.cairn.core.content.view.PaymentMethod;
import dev.cairn.core.content.view.PurchaseOption;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.payment.Purchases;
import dev.cairn.core.port.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The client bot: shows a content's card from a deep link ({@code /start <content id>}), sells it for Telegram Stars
 * (an invoice in chat, then Telegram's pre-checkout query and successful payment) or TON (payment instructions), and
 * answers {@code /paysupport}. Licenses are granted by core's {@link Purchases}; {@link BuyerNotices} tells the buyer.
 */
public final class ClientBot implements UpdateHandler {
    private static final String AUTOMATIC_REFUNDS =
            "Stars paid for a purchase that did not go through are refunded automatically. A bought content stays"
                    + " yours: open it from the link in this chat or from your purchases in the app.";

    private final BotApi api;
    private final ContentViews views;
    private final Links links;
    private final Optional<String> tonAddress;
    private final Checkout checkout;
    private final String support;

    /**
     * @param api the client bot's connection
     * @param views what a user may see of a content (its card)
     * @param purchases the purchase use case the buy buttons and payments go to
     * @param links the node's Mini App pages
     * @param tonAddress the wallet TON purchases pay to; empty: no TON button
     * @param supportContact whom {@code /paysupport} sends payers to (a {@code @username}, an e-mail address, a URL);
     *     empty: "the person who runs this node"
     * @param clock the time a payment is recorded at
     */
    public ClientBot(
            BotApi api,
            ContentViews views,
            Purchases purchases,
            Links links,
            Optional<String> tonAddress,
            Optional<String> supportContact,
            Clock clock) {
        this.api = Objects.requireNonNull(api, "api");
        this.views = Objects.requireNonNull(views, "views");
        this.links = Objects.requireNonNull(links, "links");
        this.tonAddress = Objects.requireNonNull(tonAddress, "tonAddress").filter(a -> !a.isBlank());
        this.checkout = new Checkout(api, views, purchases, this.tonAddress, clock);
        String contact = Objects.requireNonNull(supportContact, "supportContact")
                .filter(c -> !c.isBlank())
                .map(String::strip)
                .orElse("the person who runs this Cairn node");
        this.support = "Need help with a payment? Please write to " + contact
                + " and say which content it was about, when you paid and how (Stars or TON).\n\n" + AUTOMATIC_REFUNDS;
    }

    @Override
    public void handle(Update update) {
        if (update.preCheckoutQuery() != null) {
            checkout.preCheckout(update.preCheckoutQuery());
        } else if (update.callbackQuery() != null) {
            checkout.buy(update.callbackQuery());
        } else if (update.message() != null) {
            message(update.message());
        }
    }

    // ---- commands ----

    private void message(Message message) {
        if (message.successfulPayment() != null) {
            checkout.paid(message, message.successfulPayment());
            return;
        }
        if (message.refundedPayment() != null) {
            checkout.refunded(message.refundedPayment());
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
            case "paysupport" -> Chats.send(api, chat, support, Optional.empty());
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
