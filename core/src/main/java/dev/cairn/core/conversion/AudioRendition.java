package dev.cairn.core.conversion;

import java.util.Objects;
import java.util.Optional;

/**
 * Sound only: AAC-LC in an MP4 ({@code .m4a}) with its index before the media data, so a player starts before the
 * download ends.
 *
 * @param clip the stretch to keep (the preview's), or empty for all of it
 */
public record AudioRendition(DerivativeKind kind, AudioEncoding audio, Optional<Clip> clip) implements Rendition {
    public static final String MIME_TYPE = "audio/mp4";

    public AudioRendition {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(audio, "audio");
        Objects.requireNonNull(clip, "clip");
        if (kind == DerivativeKind.COVER || kind == DerivativeKind.ORIGINAL) {
            throw new IllegalArgumentException("an audio rendition is a preview, low or high, not " + kind.wire());
        }
    }

    @Override
    public String mimeType() {
        return MIME_TYPE;
    }
}
