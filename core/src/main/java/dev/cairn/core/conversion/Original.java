package dev.cairn.core.conversion;

import java.util.Objects;

/** The upload served as it is: nothing to transcode; its blob is the content's own. */
public record Original(String mimeType) implements Rendition {
    public Original {
        Objects.requireNonNull(mimeType, "mimeType");
    }

    @Override
    public DerivativeKind kind() {
        return DerivativeKind.ORIGINAL;
    }
}
