package dev.cairn.adapters.telegram.bot;

import com.pengrad.telegrambot.model.Update;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands updates to a bot's handler so that no failure escapes: a handler that throws is logged with the update id, and
 * the next update is handled as if nothing happened. Shared by long polling and the webhook.
 */
final class Intake {
    private static final Logger log = LoggerFactory.getLogger(Intake.class);

    private final String bot;
    private final UpdateHandler handler;

    Intake(String bot, UpdateHandler handler) {
        this.bot = Objects.requireNonNull(bot, "bot");
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    /** Handles one update; returns false if the handler failed (it has been logged). */
    boolean handle(Update update) {
        try {
            handler.handle(update);
            return true;
        } catch (RuntimeException e) {
            log.warn("The {} bot failed on update {}: {}", bot, update.updateId(), e.toString(), e);
            return false;
        }
    }

    /**
     * A batch in the order to handle it: pre-checkout queries first (Telegram cancels a checkout not answered within
     * 10 s), the rest in the order Telegram sent them.
     */
    static List<Update> urgentFirst(List<Update> batch) {
        List<Update> ordered = new ArrayList<>(batch);
        ordered.sort(Comparator.comparingInt(u -> u.preCheckoutQuery() != null ? 0 : 1));
        return ordered;
    }
}
