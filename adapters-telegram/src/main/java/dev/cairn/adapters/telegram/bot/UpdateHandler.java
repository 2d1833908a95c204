package dev.cairn.adapters.telegram.bot;

import com.pengrad.telegrambot.model.Update;
import java.util.List;

/**
 * What a bot does with one update, however it arrived (long polling or webhook). Handlers are idempotent: an update
 * is delivered again after a crash before its offset was confirmed.
 */
@FunctionalInterface
public interface UpdateHandler {
    /** The update types the bots ask Telegram for ({@code allowed_updates}). */
    List<String> ALLOWED_UPDATES = List.of("message", "callback_query", "pre_checkout_query");

    void handle(Update update);
}
