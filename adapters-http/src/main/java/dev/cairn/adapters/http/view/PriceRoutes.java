package dev.cairn.adapters.http.view;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.cairn.adapters.http.auth.UserAuthentication;
import dev.cairn.adapters.http.error.ApiException;
import dev.cairn.adapters.http.server.Routes;
import dev.cairn.core.content.ContentRecord;
import dev.cairn.core.content.view.ContentViews;
import dev.cairn.core.content.view.PriceStore;
import dev.cairn.core.content.view.Prices;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.user.User;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * {@code PUT /api/v1/content.prices/{content_id}}: the owner sets what a content costs, in whole Stars and/or nanotons
 * of TON; neither means not for sale. Only the owner may; to anyone else another's content is {@code 403}, not {@code
 * 404}, since {@code content.view} already shows that it exists. The answer is the prices now stored.
 */
public final class PriceRoutes implements Routes {
    public static final String PATH = "/api/v1/content.prices/{content_id}";

    private final UserAuthentication authentication;
    private final ContentViews views;
    private final PriceStore prices;

    public PriceRoutes(UserAuthentication authentication, ContentViews views, PriceStore prices) {
        this.authentication = Objects.requireNonNull(authentication, "authentication");
        this.views = Objects.requireNonNull(views, "views");
        this.prices = Objects.requireNonNull(prices, "prices");
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.put(PATH, authentication.authenticated(this::set));
    }

    private void set(Context ctx, User user) {
        ContentId id = ContentIds.parse(ctx.pathParam("content_id"));
        ContentRecord content = views.content(id).orElseThrow(() -> ContentIds.notFound(id));
        if (content.ownerId() != user.telegramId()) {
            throw new ApiException(403, "not_owner", "only the owner of content " + id.hex() + " sets its prices");
        }
        Body body = ctx.bodyAsClass(Body.class);
        Prices asked;
        try {
            asked = new Prices(optional(body.stars()), optional(body.tonNanotons()));
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "invalid_price", e.getMessage());
        }
        prices.set(id, asked);
        ctx.json(Body.of(prices.of(id)));
    }

    private static OptionalLong optional(Long value) {
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }

    /** The request and the answer: a price per method, left out (or null) for a method not offered. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Body(Long stars, Long tonNanotons) {
        static Body of(Prices p) {
            return new Body(
                    p.stars().isPresent() ? p.stars().getAsLong() : null,
                    p.nanotons().isPresent() ? p.nanotons().getAsLong() : null);
        }
    }
}
