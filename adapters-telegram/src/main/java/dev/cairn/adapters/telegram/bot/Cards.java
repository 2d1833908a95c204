package dev.cairn.adapters.telegram.bot;

import dev.cairn.core.content.ContentKind;
import dev.cairn.core.content.view.ViewStatus;

/** How a content's kind and status read in a bot's message. */
final class Cards {
    private Cards() {}

    static String kind(ContentKind kind) {
        return switch (kind) {
            case AUDIO -> "Audio";
            case VIDEO -> "Video";
            case IMAGE -> "Image";
            case BINARY -> "File";
        };
    }

    static String status(ViewStatus status) {
        return switch (status) {
            case PENDING -> "waiting to be processed";
            case PROCESSING -> "being processed";
            case READY -> "ready";
            case FAILED -> "processing failed";
            case UNAVAILABLE -> "not available right now";
        };
    }
}
