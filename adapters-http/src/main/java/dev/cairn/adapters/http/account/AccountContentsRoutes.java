package dev.cairn.adapters.http.account;

import dev.cairn.adapters.http.auth.UserAuthentication;
import dev.cairn.adapters.http.error.ApiException;
import dev.cairn.adapters.http.server.Routes;
import dev.cairn.core.content.view.ContentViews;
import dev.cairn.core.content.view.ListedContent;
import dev.cairn.core.user.User;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code GET /api/v1/account.contents}: what the authenticated caller uploaded and what they hold a license to, newest
 * first, at most {@code limit} of each, with where each stands as core's display policy tells that caller.
 */
public final class AccountContentsRoutes implements Routes {
    public static final String PATH = "/api/v1/account.contents";
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    private final UserAuthentication authentication;
    private final ContentViews views;

    public AccountContentsRoutes(UserAuthentication authentication, ContentViews views) {
        this.authentication = Objects.requireNonNull(authentication, "authentication");
        this.views = Objects.requireNonNull(views, "views");
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get(PATH, authentication.authenticated(this::contents));
    }

    void contents(Context ctx, User user) {
        int limit = ctx.queryParamAsClass("limit", Integer.class).getOrDefault(DEFAULT_LIMIT);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ApiException(400, "invalid_parameter", "limit must be 1 to " + MAX_LIMIT + ", got " + limit);
        }
        long id = user.telegramId();
        ctx.json(new Contents(
                views.uploads(id, Optional.empty(), limit).stream()
                        .map(Upload::of)
                        .toList(),
                views.purchases(id, Optional.empty(), limit).stream()
                        .map(Purchase::of)
                        .toList()));
    }

    /** The body: the caller's uploads and licensed contents, each list newest first. */
    public record Contents(List<Upload> uploads, List<Purchase> purchases) {}

    /** An upload: {@code created_at} in milliseconds since the epoch; {@code status} as {@code content.view}'s. */
    public record Upload(String contentId, String title, String kind, String status, long createdAt) {
        static Upload of(ListedContent l) {
            return new Upload(
                    l.view().id().hex(),
                    l.view().title(),
                    l.view().kind().wire(),
                    l.view().status().wire(),
                    l.at().toEpochMilli());
        }
    }

    /** A licensed content: {@code granted_at} in milliseconds since the epoch, when the license was bought or given. */
    public record Purchase(String contentId, String title, String kind, String status, long grantedAt) {
        static Purchase of(ListedContent l) {
            return new Purchase(
                    l.view().id().hex(),
                    l.view().title(),
                    l.view().kind().wire(),
                    l.view().status().wire(),
                    l.at().toEpochMilli());
        }
    }
}
