package dev.cairn.core.conversion;

import java.time.Duration;
import java.util.Objects;

/** Where a cover's picture comes from. */
public sealed interface CoverSource {
    /** The picture attached to the sound (ID3 {@code APIC}, FLAC {@code PICTURE}, an MP4's {@code covr}). */
    record EmbeddedPicture() implements CoverSource {}

    /**
     * A frame of the video near {@code at}; the transcoder may take a nearby one instead when that one is nearly
     * uniform (a black frame between scenes stands for nothing).
     */
    record VideoFrame(Duration at) implements CoverSource {
        public VideoFrame {
            Objects.requireNonNull(at, "at");
            if (at.isNegative()) {
                throw new IllegalArgumentException("a frame time is >= 0, got " + at);
            }
        }
    }
}
