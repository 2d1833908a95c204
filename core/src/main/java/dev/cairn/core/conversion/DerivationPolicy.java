package dev.cairn.core.conversion;

import dev.cairn.core.content.ContentKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Decides what is derived from a content and with which numbers. Pure: the same kind and probe give the same plan.
 *
 * <ul>
 *   <li>Sound (a source with an audio track and no moving pictures): preview (a {@link Ladder#previewLength} clip from
 *       about a third in, {@link Ladder#audioPreviewBps}), low, high (both whole), cover (only when a picture is
 *       embedded).
 *   <li>Video (a source with a video track): preview (clip, short side at most {@link Ladder#videoPreviewShortSide}),
 *       low, high (whole), cover (a frame a third in).
 *   <li>Image: preview (fits {@link Ladder#imagePreviewSide}) and the original. Binary: the original only.
 * </ul>
 *
 * <p>The laws (property-tested): no rendition is larger in pixels than its source, no sound is encoded above the
 * source's bitrate (where known; {@link Ladder#MIN_AUDIO_BPS} is the floor for poorer sources), a preview lies within
 * the source and lasts {@code min(previewLength, duration)}, and a high, when there is one, is strictly better than
 * the low: more pixels, or a higher sound bitrate. A high that could not be better is left out rather than stored
 * twice.
 */
public final class DerivationPolicy {
    /** AAC-LC is coded at 48 kHz at most here; higher rates gain nothing audible and cost bits. */
    static final int MAX_SAMPLE_RATE = 48_000;

    static final int MAX_CHANNELS = 2;

    /** A frame rate to encode at when the source does not say (or says nonsense). */
    static final double FALLBACK_FRAME_RATE = 30;

    private final Ladder ladder;

    public DerivationPolicy(Ladder ladder) {
        this.ladder = Objects.requireNonNull(ladder, "ladder");
    }

    public static DerivationPolicy defaults() {
        return new DerivationPolicy(Ladder.defaults());
    }

    public Ladder ladder() {
        return ladder;
    }

    /**
     * The plan for a content of {@code kind} (as the upload's magic numbers said) and type {@code mimeType}, whose
     * probe found {@code media} ({@link SourceMedia#none()} for binary).
     *
     * @throws ConversionException {@link ConversionFailure#NO_MEDIA_STREAM} if an audio or video content holds neither
     *     sound nor pictures
     */
    public ConversionPlan plan(ContentKind kind, String mimeType, SourceMedia media) throws ConversionException {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(mimeType, "mimeType");
        Objects.requireNonNull(media, "media");
        return switch (kind) {
            case BINARY -> new ConversionPlan(ContentKind.BINARY, List.of(new Original(mimeType)));
            case IMAGE -> image(mimeType, media);
            case AUDIO, VIDEO -> {
                if (media.video().isPresent()) {
                    yield video(media, media.video().get());
                }
                if (media.audio().isPresent()) {
                    yield audio(media, media.audio().get());
                }
                throw new ConversionException(
                        ConversionFailure.NO_MEDIA_STREAM,
                        "the " + kind.wire() + " file holds neither sound nor moving pictures FFmpeg can decode"
                                + " (container " + media.container() + ")");
            }
        };
    }

    private ConversionPlan image(String mimeType, SourceMedia media) {
        List<Rendition> renditions = new ArrayList<>();
        media.video()
                .ifPresent(picture ->
                        renditions.add(new ImagePreview(picture.size().fitLongSide(ladder.imagePreviewSide()))));
        renditions.add(new Original(mimeType));
        return new ConversionPlan(ContentKind.IMAGE, renditions);
    }

    private ConversionPlan audio(SourceMedia media, AudioTrack sound) {
        List<Rendition> renditions = new ArrayList<>();
        Clip previewClip = Clip.preview(media.duration(), ladder.previewLength());
        renditions.add(new AudioRendition(
                DerivativeKind.PREVIEW, encoding(sound, ladder.audioPreviewBps()), Optional.of(previewClip)));
        AudioEncoding low = encoding(sound, ladder.audioLowBps());
        renditions.add(new AudioRendition(DerivativeKind.LOW, low, Optional.empty()));
        AudioEncoding high = encoding(sound, ladder.audioHighBps());
        if (high.bitrateBps() > low.bitrateBps()) {
            renditions.add(new AudioRendition(DerivativeKind.HIGH, high, Optional.empty()));
        }
        media.embeddedPicture()
                .ifPresent(picture -> renditions.add(new CoverRendition(
                        new CoverSource.EmbeddedPicture(), Math.min(ladder.coverSide(), picture.shortSide()))));
        return new ConversionPlan(ContentKind.AUDIO, renditions);
    }

    private ConversionPlan video(SourceMedia media, VideoTrack picture) {
        List<Rendition> renditions = new ArrayList<>();
        Optional<AudioTrack> sound = media.audio();
        Clip previewClip = Clip.preview(media.duration(), ladder.previewLength());
        renditions.add(videoRendition(
                DerivativeKind.PREVIEW,
                picture,
                ladder.videoPreviewShortSide(),
                ladder.lowBitsPerPixel(),
                ladder.lowMaxFrameRate(),
                sound.map(s -> encoding(s, ladder.videoSoundLowBps())),
                Optional.of(previewClip)));
        VideoRendition low = videoRendition(
                DerivativeKind.LOW,
                picture,
                ladder.videoLowShortSide(),
                ladder.lowBitsPerPixel(),
                ladder.lowMaxFrameRate(),
                sound.map(s -> encoding(s, ladder.videoSoundLowBps())),
                Optional.empty());
        renditions.add(low);
        VideoRendition high = videoRendition(
                DerivativeKind.HIGH,
                picture,
                ladder.videoHighShortSide(),
                ladder.highBitsPerPixel(),
                ladder.highMaxFrameRate(),
                sound.map(s -> encoding(s, ladder.videoSoundHighBps())),
                Optional.empty());
        if (high.size().pixels() > low.size().pixels()) {
            renditions.add(high);
        }
        Duration coverAt = media.duration().map(d -> d.dividedBy(3)).orElse(Duration.ZERO);
        renditions.add(new CoverRendition(
                new CoverSource.VideoFrame(coverAt),
                Math.min(ladder.coverSide(), picture.size().shortSide())));
        return new ConversionPlan(ContentKind.VIDEO, renditions);
    }

    private static VideoRendition videoRendition(
            DerivativeKind kind,
            VideoTrack picture,
            int shortSide,
            double bitsPerPixel,
            double maxFrameRate,
            Optional<AudioEncoding> sound,
            Optional<Clip> clip) {
        Dimensions size = picture.size().fitShortSide(shortSide);
        double sourceRate = picture.frameRate() > 0 && picture.frameRate() <= 240 ? picture.frameRate() : 0;
        double frameRate = Math.min(maxFrameRate, sourceRate > 0 ? sourceRate : FALLBACK_FRAME_RATE);
        long bitrate = Math.max(1, Math.round(size.pixels() * frameRate * bitsPerPixel));
        return new VideoRendition(kind, size, bitrate, frameRate, sound, clip);
    }

    /** {@code target}, but never above the source's bitrate (down to the floor), nor above 48 kHz and stereo. */
    static AudioEncoding encoding(AudioTrack sound, long target) {
        return new AudioEncoding(
                capped(target, sound.bitrateBps()),
                Math.min(sound.sampleRate(), MAX_SAMPLE_RATE),
                Math.min(sound.channels(), MAX_CHANNELS));
    }

    private static long capped(long target, OptionalLong source) {
        if (source.isEmpty()) {
            return target;
        }
        return Math.max(Math.min(target, source.getAsLong()), Math.min(target, Ladder.MIN_AUDIO_BPS));
    }
}
