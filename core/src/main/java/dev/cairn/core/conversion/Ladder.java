package dev.cairn.core.conversion;

import java.time.Duration;
import java.util.Objects;

/**
 * The numbers of the {@link DerivationPolicy}: bounds and targets, never guarantees (a rendition never exceeds its
 * source). {@link #defaults()} are the numbers.
 *
 * @param previewLength how long a preview plays (30 s)
 * @param audioPreviewBps a preview's sound (64 kbps AAC-LC: clearly a sample, still pleasant)
 * @param audioLowBps low (128 kbps)
 * @param audioHighBps high (320 kbps, the top of the 256-320 range; capped at the source's bitrate)
 * @param videoPreviewShortSide a video preview's short side (480: "480p", portrait or landscape)
 * @param videoLowShortSide low (480)
 * @param videoHighShortSide high (1080)
 * @param lowBitsPerPixel low and preview video bitrate per pixel per frame (0.08: about 1 Mbps at 854x480, 30 fps)
 * @param highBitsPerPixel high's (0.1: about 6 Mbps at 1920x1080, 30 fps)
 * @param lowMaxFrameRate preview and low keep at most this many frames per second (30)
 * @param highMaxFrameRate high (60)
 * @param videoSoundLowBps the sound of a video's preview and low (96 kbps)
 * @param videoSoundHighBps of its high (192 kbps)
 * @param coverSide a cover's square side (512 px)
 * @param imagePreviewSide the box an image preview fits in (1280 x 1280)
 */
public record Ladder(
        Duration previewLength,
        long audioPreviewBps,
        long audioLowBps,
        long audioHighBps,
        int videoPreviewShortSide,
        int videoLowShortSide,
        int videoHighShortSide,
        double lowBitsPerPixel,
        double highBitsPerPixel,
        double lowMaxFrameRate,
        double highMaxFrameRate,
        long videoSoundLowBps,
        long videoSoundHighBps,
        int coverSide,
        int imagePreviewSide) {
    /** Below this an AAC stream is noise; a source poorer than that still gets this much. */
    public static final long MIN_AUDIO_BPS = 24_000;

    public Ladder {
        Objects.requireNonNull(previewLength, "previewLength");
        if (previewLength.isNegative() || previewLength.isZero()) {
            throw new IllegalArgumentException("a preview lasts > 0, got " + previewLength);
        }
        positive("audioPreviewBps", audioPreviewBps);
        positive("audioLowBps", audioLowBps);
        positive("audioHighBps", audioHighBps);
        positive("videoPreviewShortSide", videoPreviewShortSide);
        positive("videoLowShortSide", videoLowShortSide);
        positive("videoHighShortSide", videoHighShortSide);
        positive("videoSoundLowBps", videoSoundLowBps);
        positive("videoSoundHighBps", videoSoundHighBps);
        positive("coverSide", coverSide);
        positive("imagePreviewSide", imagePreviewSide);
        if (!(lowBitsPerPixel > 0) || !(highBitsPerPixel > 0) || !(lowMaxFrameRate > 0) || !(highMaxFrameRate > 0)) {
            throw new IllegalArgumentException("bits per pixel and frame rates are > 0, got " + lowBitsPerPixel + ", "
                    + highBitsPerPixel + ", " + lowMaxFrameRate + ", " + highMaxFrameRate);
        }
        if (audioLowBps > audioHighBps || videoLowShortSide > videoHighShortSide) {
            throw new IllegalArgumentException("low is at most high: " + audioLowBps + " > " + audioHighBps + " bps or "
                    + videoLowShortSide + " > " + videoHighShortSide + " px");
        }
    }

    /** The numbers. */
    public static Ladder defaults() {
        return new Ladder(
                Duration.ofSeconds(30),
                64_000,
                128_000,
                320_000,
                480,
                480,
                1080,
                0.08,
                0.1,
                30,
                60,
                96_000,
                192_000,
                512,
                1280);
    }

    /** These numbers with another preview length (tests use a short one on their few-second media). */
    public Ladder withPreviewLength(Duration length) {
        return new Ladder(
                length,
                audioPreviewBps,
                audioLowBps,
                audioHighBps,
                videoPreviewShortSide,
                videoLowShortSide,
                videoHighShortSide,
                lowBitsPerPixel,
                highBitsPerPixel,
                lowMaxFrameRate,
                highMaxFrameRate,
                videoSoundLowBps,
                videoSoundHighBps,
                coverSide,
                imagePreviewSide);
    }

    private static void positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, got " + value);
        }
    }
}
