package dev.cairn.adapters.http.telegram;

import dev.cairn.adapters.http.error.ApiException;
import dev.cairn.adapters.http.server.Routes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Objects;

/**
 * {@code POST /api/v1/telegram.webhook/{bot_id}}: where Telegram pushes a bot's updates in webhook mode. The route
 * only carries the request to the bot named by the path; the bot checks {@code X-Telegram-Bot-Api-Secret-Token} and
 * parses the update. An unknown bot is 404, so a probe learns nothing about which bots run here beyond that.
 */
public final class TelegramWebhookRoutes implements Routes {
    public static final String PATH = "/api/v1/telegram.webhook/{bot_id}";
    public static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";

    /** A bot that takes one pushed update: the HTTP status to answer (200 handled, 401 wrong secret, 400 unreadable). */
    @FunctionalInterface
    public interface Receiver {
        int receive(String secretToken, String body);
    }

    private final Map<String, Receiver> bots;

    /** @param bots each bot's receiver by its bot id (the digits before the colon of its token) */
    public TelegramWebhookRoutes(Map<String, Receiver> bots) {
        this.bots = Map.copyOf(Objects.requireNonNull(bots, "bots"));
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post(PATH, this::receive);
    }

    private void receive(Context ctx) {
        Receiver bot = bots.get(ctx.pathParam("bot_id"));
        if (bot == null) {
            throw new ApiException(404, "unknown_bot", "no bot with that id takes webhooks on this node");
        }
        String secret = ctx.header(SECRET_HEADER);
        int status = bot.receive(secret == null ? "" : secret, ctx.body());
        switch (status) {
            case 200 -> ctx.status(200).result("");
            case 401 -> throw new ApiException(401, "webhook_secret_mismatch", SECRET_HEADER + " is missing or wrong");
            case 400 -> throw new ApiException(400, "malformed_update", "the body is not a Telegram update");
            default -> throw new ApiException(status, "webhook_failed", "the bot could not take the update");
        }
    }
}
