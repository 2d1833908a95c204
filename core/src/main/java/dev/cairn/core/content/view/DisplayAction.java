package dev.cairn.core.content.view;

import java.util.Locale;

/** What the client does with a display option. */
public enum DisplayAction {
    /** Stream it in an audio or video element. */
    PLAY,
    /** Show it as a picture. */
    SHOW,
    /** Offer it as a file to save. */
    DOWNLOAD;

    /** The lower-case wire form. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
