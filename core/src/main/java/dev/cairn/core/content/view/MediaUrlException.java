package dev.cairn.core.content.view;

import java.util.Locale;
import java.util.Objects;

/** A media URL refused, with why: the HTTP adapter maps {@link Reason#MALFORMED} to 400, the others to 403. */
public final class MediaUrlException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why a media URL is refused. */
    public enum Reason {
        /** A part is missing or not of its form: not a URL this node could have signed. */
        MALFORMED,
        /** The signature does not match the other parts: one of them was changed, or the URL was never signed here. */
        ALTERED,
        /** Signed here, but its expiry has passed. */
        EXPIRED;

        /** The lower snake case code. */
        public String code() {
            return "media_url_" + name().toLowerCase(Locale.ROOT);
        }
    }

    private final Reason reason;

    public MediaUrlException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
