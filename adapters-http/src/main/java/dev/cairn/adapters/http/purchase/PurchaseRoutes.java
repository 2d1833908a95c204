package dev.cairn.adapters.http.purchase;

import dev.cairn.adapters.http.auth.UserAuthentication;
import dev.cairn.adapters.http.error.ApiException;
import dev.cairn.adapters.http.server.Routes;
import dev.cairn.adapters.http.view.ContentIds;
import dev.cairn.core.content.ContentRecord;
import dev.cairn.core.content.view.PaymentMethod;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.payment.PurchaseIntent;
import dev.cairn.core.payment.PurchaseRefused;
import dev.cairn.core.payment.Purchases;
import dev.cairn.core.user.User;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The purchase API. {@code POST /api/v1/purchases} starts a purchase of a content by one method at the owner's
 * current price (with the Stars invoice link, or where and how to send TON); {@code GET /api/v1/purchases/{intent_id}}
 * tells whether it is paid and licensed (the Mini App polls it, since the payment reaches the node through the bot or
 * the TON API, not through the page); {@code POST /api/v1/purchases/{intent_id}/refund} lets the content's owner give a
 * Stars buyer their Stars back, which revokes the license. A purchase is visible to its buyer (and, for the refund, to
 * the content's owner) only: to anyone else it is {@code 404}.
 */
public final class PurchaseRoutes implements Routes {
    public static final String START = "/api/v1/purchases";
    public static final String ONE = "/api/v1/purchases/{intent_id}";
    public static final String REFUND = "/api/v1/purchases/{intent_id}/refund";

    /** Telegram's limits for an invoice's title and description. */
    private static final int INVOICE_TITLE_MAX = 32;

    private static final int INVOICE_DESCRIPTION_MAX = 255;

    private final UserAuthentication authentication;
    private final Purchases purchases;
    private final Function<ContentId, Optional<ContentRecord>> contents;
    private final boolean starsEnabled;
    private final Optional<String> tonAddress;

    /**
     * @param starsEnabled whether a Stars gateway (the client bot) is configured
     * @param tonAddress the receiving wallet, when TON payments are configured
     */
    public PurchaseRoutes(
            UserAuthentication authentication,
            Purchases purchases,
            Function<ContentId, Optional<ContentRecord>> contents,
            boolean starsEnabled,
            Optional<String> tonAddress) {
        this.authentication = Objects.requireNonNull(authentication, "authentication");
        this.purchases = Objects.requireNonNull(purchases, "purchases");
        this.contents = Objects.requireNonNull(contents, "contents");
        this.starsEnabled = starsEnabled;
        this.tonAddress = Objects.requireNonNull(tonAddress, "tonAddress");
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post(START, authentication.authenticated(this::start));
        routes.get(ONE, authentication.authenticated(this::show));
        routes.post(REFUND, authentication.authenticated(this::refund));
    }

    /** The request: which content, and how it is paid ({@code stars} or {@code ton}). */
    public record StartBody(String contentId, String method) {}

    private void start(Context ctx, User user) {
        StartBody body = ctx.bodyAsClass(StartBody.class);
        if (body.contentId() == null || body.method() == null) {
            throw new ApiException(400, "invalid_body", "a purchase names content_id and method");
        }
        ContentId content = ContentIds.parse(body.contentId());
        PaymentMethod method = method(body.method());
        if (method == PaymentMethod.STARS && !starsEnabled) {
            throw unavailable("Stars payments are not configured on this node (no client bot token)");
        }
        if (method == PaymentMethod.TON && tonAddress.isEmpty()) {
            throw unavailable("TON payments are not configured on this node (no receiving wallet)");
        }
        try {
            PurchaseIntent intent = purchases.start(user.telegramId(), content, method);
            Optional<String> link = Optional.empty();
            if (method == PaymentMethod.STARS) {
                ContentRecord record = contents.apply(content).orElseThrow(() -> ContentIds.notFound(content));
                link = Optional.of(purchases.invoiceLink(intent, invoiceTitle(record), invoiceDescription(record)));
            }
            ctx.status(201).json(PurchaseBody.of(intent, link, tonAddress));
        } catch (PurchaseRefused e) {
            throw toApi(e, "content_not_found");
        }
    }

    private void show(Context ctx, User user) {
        PurchaseIntent intent = own(ctx, user);
        ctx.json(PurchaseBody.of(intent, Optional.empty(), tonAddress));
    }

    private void refund(Context ctx, User user) {
        String id = wellFormedId(ctx);
        try {
            PurchaseIntent refunded = purchases.refund(id, user.telegramId());
            ctx.json(PurchaseBody.of(refunded, Optional.empty(), tonAddress));
        } catch (PurchaseRefused e) {
            throw toApi(e, "purchase_not_found");
        }
    }

    /** The caller's purchase named by the path, else 404 (also when it is someone else's). */
    private PurchaseIntent own(Context ctx, User user) {
        String id = wellFormedId(ctx);
        return purchases
                .find(id)
                .filter(i -> i.userId() == user.telegramId())
                .orElseThrow(() -> new ApiException(404, "purchase_not_found", "no purchase " + id + " of this user"));
    }

    /** The path's intent id, else 400 {@code malformed_intent_id}. */
    private static String wellFormedId(Context ctx) {
        String id = ctx.pathParam("intent_id");
        if (!PurchaseIntent.isWellFormedId(id)) {
            throw new ApiException(400, "malformed_intent_id", "a purchase id is 26 characters of a-z and 2-7");
        }
        return id;
    }

    private static PaymentMethod method(String wire) {
        for (PaymentMethod m : PaymentMethod.values()) {
            if (m.wire().equals(wire)) {
                return m;
            }
        }
        throw new ApiException(400, "invalid_method", "method is 'stars' or 'ton', got '" + wire + "'");
    }

    private static String invoiceTitle(ContentRecord content) {
        String title = content.title().isBlank() ? content.kind().wire() : content.title();
        return title.length() <= INVOICE_TITLE_MAX ? title : title.substring(0, INVOICE_TITLE_MAX - 1) + "…";
    }

    private static String invoiceDescription(ContentRecord content) {
        String kind = content.kind().wire().toLowerCase(Locale.ROOT);
        String text = "A license to the " + kind + " \"" + content.title() + "\": full quality to play and download.";
        return text.length() <= INVOICE_DESCRIPTION_MAX ? text : text.substring(0, INVOICE_DESCRIPTION_MAX - 1) + "…";
    }

    private static ApiException unavailable(String message) {
        return new ApiException(503, "payments_unavailable", message);
    }

    private static ApiException toApi(PurchaseRefused e, String notFoundCode) {
        return switch (e.reason()) {
            case NOT_FOUND -> new ApiException(404, notFoundCode, e.getMessage());
            case OWN_CONTENT -> new ApiException(409, "own_content", e.getMessage());
            case ALREADY_LICENSED -> new ApiException(409, "already_licensed", e.getMessage());
            case NOT_FOR_SALE -> new ApiException(409, "not_for_sale", e.getMessage());
            case FORBIDDEN -> new ApiException(403, "not_owner", e.getMessage());
            case CONFLICT -> new ApiException(409, "purchase_conflict", e.getMessage());
            case UNAVAILABLE -> new ApiException(503, "payments_unavailable", e.getMessage());
        };
    }
}
