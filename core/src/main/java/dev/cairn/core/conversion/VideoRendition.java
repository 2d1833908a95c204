package dev.cairn.core.conversion;

import java.util.Objects;
import java.util.Optional;

/**
 * H.264 (constrained baseline: every browser and Telegram's players decode it) with AAC-LC sound in an MP4 whose
 * index comes before the media data ("fast start").
 *
 * @param size the coded size: even sides, never larger than the source's; the source's display rotation is kept
 * @param frameRate frames per second; a faster source has frames dropped, a variable-rate one keeps its timing
 * @param audio the sound's encoding, empty when the source is silent
 * @param clip the stretch to keep (the preview's), or empty for all of it
 */
public record VideoRendition(
        DerivativeKind kind,
        Dimensions size,
        long videoBitrateBps,
        double frameRate,
        Optional<AudioEncoding> audio,
        Optional<Clip> clip)
        implements Rendition {
    public static final String MIME_TYPE = "video/mp4";

    public VideoRendition {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(audio, "audio");
        Objects.requireNonNull(clip, "clip");
        if (kind == DerivativeKind.COVER || kind == DerivativeKind.ORIGINAL) {
            throw new IllegalArgumentException("a video rendition is a preview, low or high, not " + kind.wire());
        }
        if (size.width() % 2 != 0 || size.height() % 2 != 0) {
            throw new IllegalArgumentException("H.264 in 4:2:0 needs even sides, got " + size);
        }
        if (videoBitrateBps <= 0 || !(frameRate > 0) || Double.isInfinite(frameRate)) {
            throw new IllegalArgumentException(
                    "a video bitrate and frame rate are positive, got " + videoBitrateBps + " bps, " + frameRate);
        }
    }

    @Override
    public String mimeType() {
        return MIME_TYPE;
    }
}
