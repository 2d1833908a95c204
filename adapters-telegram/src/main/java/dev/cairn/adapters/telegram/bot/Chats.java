package dev.cairn.adapters.telegram.bot;

import com.pengrad.telegrambot.model.WebAppInfo;
import com.pengrad.telegrambot.model.request.InlineKeyboardButton;
import com.pengrad.telegrambot.model.request.InlineKeyboardMarkup;
import com.pengrad.telegrambot.request.SendMessage;
import java.math.BigDecimal;
import java.util.Optional;
import org.slf4j.Logger;

/** Sending messages and building buttons, the same way for both bots. */
final class Chats {
    private Chats() {}

    /** Sends {@code text} with {@code keyboard} (if any) to {@code chatId}; Telegram's refusal is thrown. */
    static void send(BotApi api, long chatId, String text, Optional<InlineKeyboardMarkup> keyboard) {
        SendMessage message = new SendMessage(chatId, text);
        keyboard.ifPresent(message::replyMarkup);
        api.call(message);
    }

    /**
     * Sends a notice nobody is waiting for (a payment settled, a conversion done): never throws. A user who never
     * started the bot, or blocked it, cannot be written to; that is logged at debug, anything else at warn.
     */
    static void notice(
            BotApi api, long userId, String text, Optional<InlineKeyboardMarkup> keyboard, Logger log, String what) {
        try {
            send(api, userId, text, keyboard);
        } catch (BotApiException e) {
            if (e.forbidden()) {
                log.debug("User {} cannot be told {} by the {} bot: {}", userId, what, api.name(), e.description());
            } else {
                log.warn("User {} could not be told {} by the {} bot: {}", userId, what, api.name(), e.getMessage());
            }
        } catch (RuntimeException e) {
            log.warn("User {} could not be told {} by the {} bot", userId, what, api.name(), e);
        }
    }

    /**
     * A button opening {@code url} as a Mini App. Telegram accepts Mini Apps over HTTPS only; a node without HTTPS
     * (local development) gets a plain link button instead, so that the message is still sent.
     */
    static InlineKeyboardButton app(String text, String url) {
        InlineKeyboardButton button = new InlineKeyboardButton(text);
        return url.startsWith("https://") ? button.webApp(new WebAppInfo(url)) : button.url(url);
    }

    static InlineKeyboardButton callback(String text, String data) {
        return new InlineKeyboardButton(text).callbackData(data);
    }

    /** One row of one button. */
    static Optional<InlineKeyboardMarkup> oneButton(InlineKeyboardButton button) {
        return Optional.of(new InlineKeyboardMarkup(button));
    }

    /** "1 Star", "50 Stars". */
    static String stars(long amount) {
        return amount + (amount == 1 ? " Star" : " Stars");
    }

    /** Nanotons as TON: "1.5 TON", "0.000000001 TON". */
    static String ton(long nanotons) {
        return BigDecimal.valueOf(nanotons, 9).stripTrailingZeros().toPlainString() + " TON";
    }
}
