package dev.cairn.adapters.telegram.bot;

import com.pengrad.telegrambot.model.Message;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The file a message carries, whichever kind of message it is: what the uploader bot needs to fetch and name it.
 *
 * @param fileId what {@code getFile} takes
 * @param fileName as the sender's app named it; voice messages have none
 * @param mimeType as Telegram reports it
 * @param size in bytes, when Telegram reports it
 * @param title a title the file itself suggests (an audio's performer and title)
 */
record TelegramFile(
        String fileId,
        Optional<String> fileName,
        Optional<String> mimeType,
        OptionalLong size,
        Optional<String> title) {

    /** The document, audio, video, voice message or animation of {@code message}, if it carries one. */
    static Optional<TelegramFile> of(Message message) {
        if (message.document() != null) {
            var d = message.document();
            return Optional.of(new TelegramFile(
                    d.fileId(), text(d.fileName()), text(d.mimeType()), size(d.fileSize()), Optional.empty()));
        }
        if (message.audio() != null) {
            var a = message.audio();
            Optional<String> title = text(a.title())
                    .map(t -> text(a.performer()).map(p -> p + " – " + t).orElse(t));
            return Optional.of(
                    new TelegramFile(a.fileId(), text(a.fileName()), text(a.mimeType()), size(a.fileSize()), title));
        }
        if (message.video() != null) {
            var v = message.video();
            return Optional.of(new TelegramFile(
                    v.fileId(), text(v.fileName()), text(v.mimeType()), size(v.fileSize()), Optional.empty()));
        }
        if (message.animation() != null) {
            var a = message.animation();
            return Optional.of(new TelegramFile(
                    a.fileId(), text(a.fileName()), text(a.mimeType()), size(a.fileSize()), Optional.empty()));
        }
        if (message.voice() != null) {
            var v = message.voice();
            return Optional.of(new TelegramFile(
                    v.fileId(),
                    Optional.of("voice-" + message.date() + ".ogg"),
                    text(v.mimeType()),
                    size(v.fileSize()),
                    Optional.of("Voice message")));
        }
        return Optional.empty();
    }

    private static Optional<String> text(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.strip());
    }

    private static OptionalLong size(Long size) {
        return size == null || size < 0 ? OptionalLong.empty() : OptionalLong.of(size);
    }
}
