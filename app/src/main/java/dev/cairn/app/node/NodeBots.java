package dev.cairn.app.node;

import dev.cairn.adapters.http.telegram.TelegramWebhookRoutes;
import dev.cairn.adapters.telegram.bot.BotApi;
import dev.cairn.adapters.telegram.bot.BuyerNotices;
import dev.cairn.adapters.telegram.bot.ClientBot;
import dev.cairn.adapters.telegram.bot.ConversionNotices;
import dev.cairn.adapters.telegram.bot.Links;
import dev.cairn.adapters.telegram.bot.LongPolling;
import dev.cairn.adapters.telegram.bot.UpdateHandler;
import dev.cairn.adapters.telegram.bot.UploaderBot;
import dev.cairn.adapters.telegram.bot.Webhook;
import dev.cairn.adapters.telegram.stars.BotStarsGateway;
import dev.cairn.app.config.BotConfig;
import dev.cairn.core.auth.BotToken;
import dev.cairn.core.content.ContentStore;
import dev.cairn.core.content.view.ContentViews;
import dev.cairn.core.conversion.ConversionEvent;
import dev.cairn.core.payment.StarsGateway;
import dev.cairn.core.port.Clock;
import dev.cairn.core.upload.UploadService;
import dev.cairn.core.upload.WholeUpload;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded bots. The client bot's connection exists before the purchase use case (its Stars gateway is that
 * connection); the bots themselves are made once purchases exist, and receive updates only once the HTTP server runs
 * (in webhook mode Telegram pushes at once). Without a token a bot is simply not there, said once at start.
 */
final class NodeBots implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NodeBots.class);
    static final Duration GET_ME_WAIT = Duration.ofSeconds(5);

    private final BotConfig config;
    private final Optional<BotToken> uploaderToken;
    private final Optional<BotToken> clientToken;
    private final Optional<BotApi> uploaderApi;
    private final Optional<BotApi> clientApi;
    private final Map<String, Webhook> webhooks = new LinkedHashMap<>();
    private final Map<String, UpdateHandler> handlers = new LinkedHashMap<>();
    private final List<LongPolling> pollers = new ArrayList<>();
    private final List<Thread> registering = new ArrayList<>();

    NodeBots(BotConfig config, Optional<BotToken> uploaderToken, Optional<BotToken> clientToken) {
        this.config = Objects.requireNonNull(config, "config");
        this.uploaderToken = Objects.requireNonNull(uploaderToken, "uploaderToken");
        this.clientToken = Objects.requireNonNull(clientToken, "clientToken");
        uploaderApi = uploaderToken.map(t -> new BotApi("uploader", t.reveal(), config.apiUrl()));
        clientApi = clientToken.map(t -> new BotApi("client", t.reveal(), config.apiUrl()));
    }

    /** The client bot's Stars invoices and refunds; empty without a client bot. */
    Optional<StarsGateway> stars() {
        return clientApi.map(BotStarsGateway::new);
    }

    /**
     * Makes the bots.
     *
     * @param publicUrl where users reach the node's Mini App
     * @param onConversion registers the listener that tells owners their conversion ended
     */
    void assemble(
            URI publicUrl,
            ContentViews views,
            ContentStore contents,
            UploadService uploads,
            NodePayments payments,
            Optional<String> supportContact,
            Clock clock,
            Consumer<Consumer<ConversionEvent>> onConversion) {
        Links links = new Links(publicUrl, clientApi.flatMap(NodeBots::username));
        clientApi.ifPresent(api -> {
            handlers.put(
                    clientToken.orElseThrow().botId(),
                    new ClientBot(
                            api, views, payments.purchases(), links, payments.tonAddress(), supportContact, clock));
            payments.listenWith(new BuyerNotices(api, contents, links));
        });
        uploaderApi.ifPresent(api -> {
            handlers.put(
                    uploaderToken.orElseThrow().botId(),
                    new UploaderBot(api, new WholeUpload(uploads), contents, links, config.fileLimitMb() << 20));
            onConversion.accept(new ConversionNotices(api, contents, links));
        });
        if (handlers.isEmpty()) {
            log.info("No bots: TELEGRAM_UPLOADER_BOT_TOKEN and TELEGRAM_CLIENT_BOT_TOKEN are unset");
        }
    }

    /**
     * The client bot's {@code @username} for deep links, asked once at start ({@code getMe}) and waited for at most
     * {@link #GET_ME_WAIT}: a Telegram that cannot be reached must not hold the node's start-up.
     */
    private static Optional<String> username(BotApi api) {
        var asked = new CompletableFuture<Optional<String>>();
        Thread.ofVirtual().name("client-bot-get-me").start(() -> asked.complete(api.username()));
        try {
            Optional<String> name = asked.get(GET_ME_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (name.isEmpty()) {
                log.warn(
                        "The client bot's getMe failed: its deep links are left out of bot replies until the next start");
            }
            return name;
        } catch (TimeoutException e) {
            log.warn(
                    "The client bot's getMe did not answer in {} s: its deep links are left out of bot replies until"
                            + " the next start",
                    GET_ME_WAIT.toSeconds());
        } catch (ExecutionException e) {
            log.warn("The client bot's getMe failed: {}", e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }

    /** In webhook mode, the receivers of the webhook route by bot id; empty when polling. */
    Map<String, TelegramWebhookRoutes.Receiver> webhookReceivers() {
        if (config.webhook().isEmpty()) {
            return Map.of();
        }
        String secret = config.webhook().get().secret();
        Map<String, TelegramWebhookRoutes.Receiver> receivers = new LinkedHashMap<>();
        handlers.forEach((botId, handler) -> {
            Webhook webhook = new Webhook(api(botId), secret, handler);
            webhooks.put(botId, webhook);
            receivers.put(botId, webhook::handle);
        });
        return receivers;
    }

    /** Starts receiving updates: registers the webhooks, or starts polling. */
    void start() {
        if (config.webhook().isPresent()) {
            String base = config.webhook().get().baseUrl().toString().replaceAll("/+$", "");
            webhooks.forEach((botId, webhook) -> registering.add(Thread.ofVirtual()
                    .name("telegram-webhook-" + botId)
                    .start(() -> register(
                            webhook, URI.create(base + TelegramWebhookRoutes.PATH.replace("{bot_id}", botId))))));
            return;
        }
        handlers.forEach((botId, handler) -> {
            LongPolling poller = new LongPolling(api(botId), handler);
            pollers.add(poller);
            poller.start();
        });
    }

    /**
     * Registers a webhook, retrying from 5 s doubling to 5 min while Telegram cannot be reached or refuses: the node
     * serves its API meanwhile, and Telegram keeps the bot's updates until a webhook is set.
     */
    private static void register(Webhook webhook, URI url) {
        Duration pause = Duration.ofSeconds(5);
        boolean warned = false;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                webhook.register(url);
                if (warned) {
                    log.info("The webhook at {} is registered now", url);
                }
                return;
            } catch (RuntimeException e) {
                if (!warned) {
                    log.warn("Registering the webhook at {} failed ({}); retrying until it works", url, e.getMessage());
                    warned = true;
                }
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                return;
            }
            pause = pause.multipliedBy(2).compareTo(Duration.ofMinutes(5)) > 0
                    ? Duration.ofMinutes(5)
                    : pause.multipliedBy(2);
        }
    }

    private BotApi api(String botId) {
        if (clientToken.isPresent() && clientToken.get().botId().equals(botId)) {
            return clientApi.orElseThrow();
        }
        return uploaderApi.orElseThrow();
    }

    @Override
    public void close() {
        registering.forEach(Thread::interrupt);
        pollers.forEach(LongPolling::close);
        uploaderApi.ifPresent(BotApi::close);
        clientApi.ifPresent(BotApi::close);
    }
}
