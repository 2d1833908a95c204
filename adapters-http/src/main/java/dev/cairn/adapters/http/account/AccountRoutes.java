package dev.cairn.adapters.http.account;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.cairn.adapters.http.auth.UserAuthentication;
import dev.cairn.adapters.http.server.Routes;
import dev.cairn.core.user.User;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Objects;

/** {@code GET /api/v1/account.me}: the authenticated caller as this node knows them. */
public final class AccountRoutes implements Routes {
    public static final String ME = "/api/v1/account.me";

    private final UserAuthentication authentication;

    public AccountRoutes(UserAuthentication authentication) {
        this.authentication = Objects.requireNonNull(authentication, "authentication");
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get(ME, authentication.authenticated(this::me));
    }

    void me(Context ctx, User user) {
        ctx.json(Me.of(user));
    }

    /**
     * The body of {@code account.me}: the user's latest Telegram profile, with optional members left out when
     * Telegram did not send them (as Telegram's own user object does), and when this node first and last saw the user,
     * in milliseconds since the epoch.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Me(
            long telegramId,
            String firstName,
            String lastName,
            String username,
            String languageCode,
            boolean isPremium,
            long firstSeenMillis,
            long lastSeenMillis) {
        static Me of(User user) {
            var p = user.profile();
            return new Me(
                    p.telegramId(),
                    p.firstName(),
                    p.lastName().orElse(null),
                    p.username().orElse(null),
                    p.languageCode().orElse(null),
                    p.premium(),
                    user.firstSeen().toEpochMilli(),
                    user.lastSeen().toEpochMilli());
        }
    }
}
