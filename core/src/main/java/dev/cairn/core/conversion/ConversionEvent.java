package dev.cairn.core.conversion;

import dev.cairn.core.id.ContentId;
import java.util.List;
import java.util.Objects;

/** What the conversion workers tell the node when a content's conversion ends (the bots notify its owner). */
public sealed interface ConversionEvent {
    ContentId content();

    /** Every rendition of the content is stored and servable. */
    record Ready(ContentId content, List<Derivative> derivatives) implements ConversionEvent {
        public Ready {
            Objects.requireNonNull(content, "content");
            derivatives = List.copyOf(derivatives);
        }
    }

    /** The conversion failed for good; {@code reason} is a sentence for the owner. The original is kept. */
    record Failed(ContentId content, String reason) implements ConversionEvent {
        public Failed {
            Objects.requireNonNull(content, "content");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
