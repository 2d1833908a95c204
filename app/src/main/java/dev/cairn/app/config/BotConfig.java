package dev.cairn.app.config;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * How the bots (tokens in {@link AuthConfig}) reach Telegram.
 *
 * @param apiUrl {@code TELEGRAM_BOT_API_URL}: the Bot API server; a local Bot API server lifts the 20 MB download
 *     limit on files sent in chat
 * @param webhook {@code TELEGRAM_WEBHOOK_URL} and {@code TELEGRAM_WEBHOOK_SECRET}: when set, Telegram pushes updates
 *     to this node instead of the node polling for them
 * @param fileLimitMb {@code TELEGRAM_BOT_FILE_LIMIT_MB}: the largest file the uploader bot fetches from a chat (the Bot
 *     API's 20 MB unless a local Bot API server lifts it)
 */
public record BotConfig(URI apiUrl, Optional<Webhook> webhook, long fileLimitMb) {
    public static final URI TELEGRAM = URI.create("https://api.telegram.org");
    public static final long TELEGRAM_FILE_LIMIT_MB = 20;

    public BotConfig {
        Objects.requireNonNull(apiUrl, "apiUrl");
        Objects.requireNonNull(webhook, "webhook");
    }

    /**
     * @param baseUrl the node's public https URL as Telegram reaches it; each bot's webhook is under it
     * @param secret the {@code secret_token} Telegram sends back in {@code X-Telegram-Bot-Api-Secret-Token}
     */
    public record Webhook(URI baseUrl, String secret) {
        public Webhook {
            Objects.requireNonNull(baseUrl, "baseUrl");
            Objects.requireNonNull(secret, "secret");
        }

        @Override
        public String toString() {
            return "Webhook[baseUrl=" + baseUrl + ", secret=<" + secret.length() + " characters>]";
        }
    }
}
