package dev.cairn.adapters.telegram.bot;

import com.pengrad.telegrambot.model.Update;
import com.pengrad.telegrambot.request.SetWebhook;
import com.pengrad.telegrambot.utility.BotUtils;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bot's updates by webhook, the alternative to {@link LongPolling} for a node Telegram can reach over HTTPS. The app
 * registers it at start ({@link #register}) and passes each {@code POST} of its webhook route to {@link #handle}, which
 * answers the status to reply with. Telegram sends the secret given at registration in the {@code
 * X-Telegram-Bot-Api-Secret-Token} header; a request without it is not Telegram's and is refused.
 */
public final class Webhook {
    private static final Logger log = LoggerFactory.getLogger(Webhook.class);

    /** The header Telegram sends the secret token in. */
    public static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";

    /** Telegram's rule for a secret token. */
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{1,256}");

    private final BotApi api;
    private final byte[] secret;
    private final String secretText;
    private final Intake intake;

    /**
     * @param secretToken 1 to 256 characters of {@code A-Z a-z 0-9 _ -}; random and kept secret
     */
    public Webhook(BotApi api, String secretToken, UpdateHandler handler) {
        this.api = Objects.requireNonNull(api, "api");
        Objects.requireNonNull(secretToken, "secretToken");
        if (!SECRET.matcher(secretToken).matches()) {
            throw new IllegalArgumentException(
                    "a webhook secret token is 1 to 256 characters of A-Z, a-z, 0-9, _ and -, got "
                            + secretToken.length() + " characters outside that rule");
        }
        this.secretText = secretToken;
        this.secret = secretToken.getBytes(StandardCharsets.UTF_8);
        this.intake = new Intake(api.name(), Objects.requireNonNull(handler, "handler"));
    }

    /**
     * Tells Telegram to deliver this bot's updates to {@code url} with the secret token ({@code setWebhook}).
     *
     * @throws BotApiException if Telegram refuses (an URL that is not HTTPS on an allowed port, say)
     */
    public void register(URI url) {
        api.call(new SetWebhook()
                .url(url.toString())
                .secretToken(secretText)
                .allowedUpdates(UpdateHandler.ALLOWED_UPDATES.toArray(String[]::new)));
        log.info("The {} bot receives its updates by webhook at {}", api.name(), url);
    }

    /**
     * Handles one webhook request.
     *
     * @param secretTokenHeader the {@value #SECRET_HEADER} header, null when absent
     * @param body the request body: one update as JSON
     * @return 401 if the secret does not match, 400 if the body is no update, else 200 (also when the handler failed:
     *     that is logged, and Telegram redelivering it would fail again)
     */
    public int handle(String secretTokenHeader, String body) {
        if (secretTokenHeader == null
                || !MessageDigest.isEqual(secret, secretTokenHeader.getBytes(StandardCharsets.UTF_8))) {
            return 401;
        }
        Update update;
        try {
            update = body == null ? null : BotUtils.parseUpdate(body);
        } catch (RuntimeException e) {
            update = null;
        }
        if (update == null || update.updateId() == null) {
            log.debug("The {} bot's webhook got a body that is no update", api.name());
            return 400;
        }
        intake.handle(update);
        return 200;
    }
}
