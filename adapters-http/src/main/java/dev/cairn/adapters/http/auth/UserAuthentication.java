package dev.cairn.adapters.http.auth;

import dev.cairn.adapters.http.error.ApiException;
import dev.cairn.core.auth.AuthFailure;
import dev.cairn.core.auth.AuthenticationException;
import dev.cairn.core.auth.Authenticator;
import dev.cairn.core.port.Clock;
import dev.cairn.core.user.TelegramProfile;
import dev.cairn.core.user.User;
import dev.cairn.core.user.UserStore;
import io.javalin.http.Handler;
import io.javalin.http.Header;
import java.util.Objects;
import java.util.Optional;

/**
 * The check in front of every user-facing route: who the {@code Authorization} header says the caller is, decided by
 * core's {@link Authenticator}; the user is then created or refreshed in the {@link UserStore} at the {@link Clock}'s
 * time and handed to the route's {@link UserHandler}.
 *
 * <p>Two schemes, case-insensitive as HTTP schemes are:
 *
 * <ul>
 *   <li>{@code tma <initData>}: Telegram's, the Mini App's raw {@code initData}, checked by core, in local mode too
 *       (empty {@code initData} counts as none, as in core);
 *   <li>{@code local}: "no {@code initData}", which core's policy makes the local user when the node runs in local mode
 *       and {@code auth_missing} otherwise.
 * </ul>
 *
 * <p>A request without an {@code Authorization} header is refused even in local mode: browsers send that header to
 * another origin only after a CORS preflight, so a page on some other site cannot act as the local user through a plain
 * link or form aimed at the node.
 *
 * <p>Every refusal is 401 with {@code WWW-Authenticate: tma} and a code: the {@link AuthFailure} code, or
 * {@value #UNSUPPORTED_SCHEME}. Messages repeat nothing of the header: {@code initData} is a bearer credential for its
 * whole maximum age, and error messages are logged.
 */
public final class UserAuthentication {
    /** Telegram's scheme for Mini App {@code initData}. */
    public static final String TMA = "tma";
    /** The scheme of local mode; it carries no credentials. */
    public static final String LOCAL = "local";
    /** The code of a 401 for an {@code Authorization} header that is neither {@code tma ...} nor {@code local}. */
    public static final String UNSUPPORTED_SCHEME = "auth_unsupported_scheme";

    private final Optional<Authenticator> authenticator;
    private final UserStore users;
    private final Clock clock;

    /**
     * @param authenticator core's policy, as the app's configuration builds it; empty when no user can authenticate (no
     *     client bot token and not local mode), so that every user route answers 401 {@code auth_missing}
     * @param users where every authenticated request creates or refreshes its user
     * @param clock the time recorded as the user's last (and, the first time, first) sighting
     */
    public UserAuthentication(Optional<Authenticator> authenticator, UserStore users, Clock clock) {
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.users = Objects.requireNonNull(users, "users");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A Javalin handler that authenticates the request, then runs {@code handler} with the user; else 401. */
    public Handler authenticated(UserHandler handler) {
        Objects.requireNonNull(handler, "handler");
        return ctx -> {
            User user;
            try {
                user = authenticate(ctx.header(Header.AUTHORIZATION));
            } catch (ApiException e) {
                ctx.header(Header.WWW_AUTHENTICATE, TMA);
                throw e;
            }
            // The answer is about this user: no shared cache may keep it.
            ctx.header(Header.CACHE_CONTROL, "no-store");
            handler.handle(ctx, user);
        };
    }

    /**
     * Authenticates an {@code Authorization} header value exactly as {@link #authenticated} does, for a route that
     * holds the header of a request other than its own (the tusd hook is sent the client's headers): the user, created
     * or refreshed in the store.
     *
     * @param authorization the header's value; null when the request had none
     * @throws ApiException 401 with the refusal's code; a caller answering HTTP adds {@code WWW-Authenticate: tma}
     */
    public User authenticate(String authorization) {
        Optional<String> initData = initData(authorization);
        if (authenticator.isEmpty()) {
            throw unauthorized(
                    AuthFailure.MISSING.code(),
                    "this node authenticates no user: it has no client bot token and is not in local mode");
        }
        TelegramProfile profile;
        try {
            profile = authenticator.get().authenticate(initData);
        } catch (AuthenticationException e) {
            throw unauthorized(e.reason().code(), explain(e.reason()));
        }
        return users.upsert(profile, clock.instant());
    }

    /** The {@code initData} of the header: present for {@code tma}, empty for {@code local}. */
    private static Optional<String> initData(String header) {
        if (header == null || header.isBlank()) {
            throw unauthorized(
                    AuthFailure.MISSING.code(), "no Authorization header; send 'Authorization: tma <initData>'");
        }
        String value = header.strip();
        int space = value.indexOf(' ');
        String scheme = space < 0 ? value : value.substring(0, space);
        String credentials = space < 0 ? "" : value.substring(space + 1).strip();
        if (scheme.equalsIgnoreCase(TMA)) {
            return Optional.of(credentials);
        }
        if (scheme.equalsIgnoreCase(LOCAL) && credentials.isEmpty()) {
            return Optional.empty();
        }
        throw unauthorized(
                UNSUPPORTED_SCHEME, "the Authorization header is neither 'tma <initData>' nor, in local mode, 'local'");
    }

    private static ApiException unauthorized(String code, String message) {
        return new ApiException(401, code, message);
    }

    /**
     * What each reason means, for people. Core's own messages are not passed on because some quote parts of the
     * {@code initData}; the switch is exhaustive, so a new reason does not compile until explained here.
     */
    static String explain(AuthFailure reason) {
        return switch (reason) {
            case MISSING ->
                "no Telegram initData; send 'Authorization: tma <initData>' ('Authorization: local' is accepted only"
                        + " when the node runs in local mode)";
            case MALFORMED -> "the initData is not a well-formed query string; send Telegram.WebApp.initData unchanged";
            case MISSING_HASH -> "the initData has no hash of 64 hex digits";
            case BAD_HASH -> "the initData hash does not match: the data was altered, or signed for another bot";
            case MISSING_AUTH_DATE -> "the initData has no auth_date in seconds";
            case STALE -> "the initData is older than this node accepts; reopen the Mini App for a fresh one";
            case FROM_FUTURE -> "the initData auth_date is ahead of this node's clock by more than the allowed skew";
            case MISSING_USER -> "the initData carries no user: the Mini App was not opened by a user";
            case UNCHECKABLE ->
                "this node has no Telegram bot token to check initData with; use 'Authorization: local'";
            case MALFORMED_USER -> "the initData user is not the JSON object Telegram sends";
        };
    }
}
