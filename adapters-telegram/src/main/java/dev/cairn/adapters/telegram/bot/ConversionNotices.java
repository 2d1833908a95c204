package dev.cairn.adapters.telegram.bot;

import dev.cairn.core.content.ContentRecord;
import dev.cairn.core.content.ContentStore;
import dev.cairn.core.conversion.ConversionEvent;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a content's owner, through the uploader bot, that its conversion is done or has failed. The app attaches it
 * to the conversion workers' events. Never throws: an owner who never started the bot (Telegram's 403) is skipped
 * quietly.
 */
public final class ConversionNotices implements Consumer<ConversionEvent> {
    private static final Logger log = LoggerFactory.getLogger(ConversionNotices.class);

    private final BotApi api;
    private final ContentStore contents;
    private final Links links;

    /** @param api the uploader bot, which the owner uploaded through */
    public ConversionNotices(BotApi api, ContentStore contents, Links links) {
        this.api = Objects.requireNonNull(api, "api");
        this.contents = Objects.requireNonNull(contents, "contents");
        this.links = Objects.requireNonNull(links, "links");
    }

    @Override
    public void accept(ConversionEvent event) {
        Optional<ContentRecord> found;
        try {
            found = contents.find(event.content());
        } catch (RuntimeException e) {
            log.warn("The owner of {} is not told about its conversion: {}", event.content(), e.toString());
            return;
        }
        if (found.isEmpty()) {
            log.debug("Content {} is gone; nobody to tell about its conversion", event.content());
            return;
        }
        ContentRecord content = found.get();
        String title = content.title().isBlank() ? "Your upload" : "\"" + content.title() + "\"";
        String text = switch (event) {
            case ConversionEvent.Ready ready -> title + " is ready to play and share.";
            case ConversionEvent.Failed failed ->
                title + " could not be processed: " + failed.reason()
                        + " The original file is kept, so you can still download it.";
        };
        Chats.notice(
                api,
                content.ownerId(),
                text,
                Chats.oneButton(Chats.app("Open", links.content(content.id()))),
                log,
                "about the conversion of " + content.id());
    }
}
