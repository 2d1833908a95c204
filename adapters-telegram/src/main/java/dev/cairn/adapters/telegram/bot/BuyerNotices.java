package dev.cairn.adapters.telegram.bot;

import dev.cairn.core.content.ContentRecord;
import dev.cairn.core.content.ContentStore;
import dev.cairn.core.content.view.PaymentMethod;
import dev.cairn.core.payment.PurchaseIntent;
import dev.cairn.core.payment.PurchaseListener;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Core's {@link PurchaseListener} on the client bot: tells the buyer when a purchase has licensed them (with a button
 * to the content) and when it was refunded. Never throws; a buyer who blocked the bot is simply not told.
 */
public final class BuyerNotices implements PurchaseListener {
    private static final Logger log = LoggerFactory.getLogger(BuyerNotices.class);

    private final BotApi api;
    private final ContentStore contents;
    private final Links links;

    /** @param api the client bot, which sold it */
    public BuyerNotices(BotApi api, ContentStore contents, Links links) {
        this.api = Objects.requireNonNull(api, "api");
        this.contents = Objects.requireNonNull(contents, "contents");
        this.links = Objects.requireNonNull(links, "links");
    }

    @Override
    public void licensed(PurchaseIntent intent) {
        String title = title(intent);
        Chats.notice(
                api,
                intent.userId(),
                "Thank you! Your payment arrived and \"" + title + "\" is yours now.",
                Chats.oneButton(Chats.app("Open", links.content(intent.content()))),
                log,
                "that purchase " + intent.id() + " licensed them");
    }

    @Override
    public void refunded(PurchaseIntent intent) {
        String amount =
                intent.method() == PaymentMethod.STARS ? Chats.stars(intent.amount()) : Chats.ton(intent.amount());
        Chats.notice(
                api,
                intent.userId(),
                "Your purchase of \"" + title(intent) + "\" was refunded (" + amount + "), so it is no longer"
                        + " unlocked for you.",
                Optional.empty(),
                log,
                "that purchase " + intent.id() + " was refunded");
    }

    private String title(PurchaseIntent intent) {
        return contents.find(intent.content())
                .map(ContentRecord::title)
                .filter(t -> !t.isBlank())
                .orElse("your content");
    }
}
