package dev.cairn.adapters.telegram.bot;

import com.pengrad.telegrambot.Callback;
import com.pengrad.telegrambot.Cancellable;
import com.pengrad.telegrambot.TelegramBot;
import com.pengrad.telegrambot.request.BaseRequest;
import com.pengrad.telegrambot.request.GetMe;
import com.pengrad.telegrambot.response.BaseResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One bot's connection to a Bot API server: Telegram's ({@link #TELEGRAM}), a local Bot API server, or a test double.
 * Every call either returns Telegram's answer with {@code "ok": true} or throws {@link BotApiException}, so the bots
 * handle one kind of failure. Thread-safe.
 */
public final class BotApi implements AutoCloseable {
    /** Telegram's own Bot API server, the production default. */
    public static final URI TELEGRAM = URI.create("https://api.telegram.org");

    private final String name;
    private final URI baseUrl;
    private final TelegramBot bot;

    /** A bot on Telegram's own Bot API server. */
    public BotApi(String name, String token) {
        this(name, token, TELEGRAM);
    }

    /**
     * @param name what logs call this bot ({@code uploader}, {@code client}); the token is never logged
     * @param token the bot token from BotFather
     * @param baseUrl the Bot API server: methods at {@code <baseUrl>/bot<token>/<method>}, files at {@code
     *     <baseUrl>/file/bot<token>/<path>}
     */
    public BotApi(String name, String token, URI baseUrl) {
        this.name = Objects.requireNonNull(name, "name");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(baseUrl, "baseUrl");
        if (token.isBlank() || token.chars().anyMatch(c -> c <= ' ' || c == '/')) {
            throw new IllegalArgumentException("a bot token is '<digits>:<letters>' without spaces or slashes");
        }
        if (!"http".equals(baseUrl.getScheme()) && !"https".equals(baseUrl.getScheme())) {
            throw new IllegalArgumentException("a Bot API URL is http(s)://host[:port], got " + baseUrl);
        }
        String base = baseUrl.toString().replaceAll("/+$", "");
        this.baseUrl = URI.create(base);
        this.bot = new TelegramBot.Builder(token)
                .apiUrl(base + "/bot")
                .fileApiUrl(base + "/file/bot")
                .build();
    }

    /** The name logs call this bot. */
    public String name() {
        return name;
    }

    /**
     * Calls a method and waits for its answer.
     *
     * @throws BotApiException if Telegram answers {@code "ok": false} or cannot be reached
     */
    public <T extends BaseRequest<T, R>, R extends BaseResponse> R call(BaseRequest<T, R> request) {
        R response;
        try {
            response = bot.execute(request);
        } catch (RuntimeException e) {
            // The library wraps I/O failures and bodies that are not JSON (a proxy's 502 page) alike.
            throw new BotApiException(request.getMethod(), e.getCause() == null ? e : e.getCause());
        }
        return requireOk(request.getMethod(), response);
    }

    /**
     * Calls a method without waiting: {@code done} gets the answer or the failure. The call can be cancelled, which
     * is how a long poll is cut short.
     */
    <T extends BaseRequest<T, R>, R extends BaseResponse> Cancellable callAsync(T request, CompletableFuture<R> done) {
        return bot.execute(request, new Callback<T, R>() {
            @Override
            public void onResponse(T req, R response) {
                try {
                    done.complete(requireOk(req.getMethod(), response));
                } catch (BotApiException e) {
                    done.completeExceptionally(e);
                }
            }

            @Override
            public void onFailure(T req, IOException e) {
                done.completeExceptionally(new BotApiException(req.getMethod(), e));
            }
        });
    }

    /** The bot's {@code @username} as {@code getMe} tells it, if Telegram answers. */
    public Optional<String> username() {
        try {
            return Optional.ofNullable(call(new GetMe()).user().username());
        } catch (BotApiException e) {
            return Optional.empty();
        }
    }

    /** Where a file {@code getFile} described is downloaded from: its {@code file_path} on the file API. */
    URI fileUrl(com.pengrad.telegrambot.model.File file) {
        return URI.create(bot.getFullFilePath(file));
    }

    /** The base URL of the Bot API server, without the token. */
    public URI baseUrl() {
        return baseUrl;
    }

    @Override
    public void close() {
        bot.shutdown();
    }

    @Override
    public String toString() {
        // Never the token: it is a password.
        return "BotApi[" + name + " at " + baseUrl + "]";
    }

    private static <R extends BaseResponse> R requireOk(String method, R response) {
        if (response == null) {
            throw new BotApiException(method, new IOException("no answer"));
        }
        if (!response.isOk()) {
            throw new BotApiException(method, response.errorCode(), String.valueOf(response.description()));
        }
        return response;
    }
}
