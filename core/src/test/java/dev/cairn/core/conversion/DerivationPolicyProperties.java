package dev.cairn.core.conversion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.content.ContentKind;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** The policy's laws, for any source: never upscaled, never above the source's bitrate, previews within bounds. */
class DerivationPolicyProperties {
    private final DerivationPolicy policy = DerivationPolicy.defaults();

    @Provide
    Arbitrary<SourceMedia> anyVideo() {
        Arbitrary<Dimensions> size = Combinators.combine(
                        Arbitraries.integers().between(1, 8192),
                        Arbitraries.integers().between(1, 8192))
                .as(Dimensions::new);
        Arbitrary<Double> fps =
                Arbitraries.of(0.0, 1.0, 12.5, 23.976, 25.0, 29.97, 30.0, 50.0, 59.94, 60.0, 120.0, 1000.0);
        Arbitrary<Optional<AudioTrack>> sound = anySound().optional();
        Arbitrary<Optional<Duration>> length = durations().optional(0.9);
        return Combinators.combine(size, fps, sound, length)
                .as((s, f, a, d) -> new SourceMedia(
                        "mp4",
                        d,
                        a,
                        Optional.of(new VideoTrack("h264", s, f, OptionalLong.empty(), 0)),
                        Optional.empty()));
    }

    @Provide
    Arbitrary<SourceMedia> anySong() {
        Arbitrary<Optional<Dimensions>> picture = Combinators.combine(
                        Arbitraries.integers().between(1, 4000),
                        Arbitraries.integers().between(1, 4000))
                .as(Dimensions::new)
                .optional();
        return Combinators.combine(anySound(), durations().optional(0.9), picture)
                .as((a, d, p) -> new SourceMedia("mp3", d, Optional.of(a), Optional.empty(), p));
    }

    private static Arbitrary<AudioTrack> anySound() {
        Arbitrary<OptionalLong> bitrate = Arbitraries.longs()
                .between(1, 5_000_000)
                .optional(0.8)
                .map(o -> o.map(OptionalLong::of).orElse(OptionalLong.empty()));
        return Combinators.combine(
                        bitrate,
                        Arbitraries.of(8_000, 22_050, 44_100, 48_000, 96_000, 192_000),
                        Arbitraries.integers().between(1, 8))
                .as((b, r, c) -> new AudioTrack("any", b, r, c));
    }

    private static Arbitrary<Duration> durations() {
        return Arbitraries.longs().between(0, 10L * 3600 * 1000).map(Duration::ofMillis);
    }

    @Property(tries = 2000)
    void no_video_rendition_or_cover_is_larger_than_its_source(@ForAll("anyVideo") SourceMedia media) throws Exception {
        Dimensions source = media.video().orElseThrow().size();
        ConversionPlan plan = policy.plan(ContentKind.VIDEO, "video/mp4", media);

        for (Rendition r : plan.renditions()) {
            if (r instanceof VideoRendition v) {
                assertThat(v.size().width()).isLessThanOrEqualTo(Math.max(2, source.width()));
                assertThat(v.size().height()).isLessThanOrEqualTo(Math.max(2, source.height()));
                assertThat(v.size().width() % 2).isZero();
                assertThat(v.size().height() % 2).isZero();
                int bound = v.kind() == DerivativeKind.HIGH ? 1080 : 480;
                assertThat(v.size().shortSide()).isLessThanOrEqualTo(bound);
                assertThat(v.frameRate()).isPositive().isLessThanOrEqualTo(v.kind() == DerivativeKind.HIGH ? 60 : 30);
            } else if (r instanceof CoverRendition c) {
                assertThat(c.side()).isLessThanOrEqualTo(Math.min(512, source.shortSide()));
            }
        }
    }

    @Property(tries = 2000)
    void a_downscaled_video_keeps_its_aspect_ratio(@ForAll("anyVideo") SourceMedia media) throws Exception {
        Dimensions source = media.video().orElseThrow().size();
        var low = (VideoRendition) policy.plan(ContentKind.VIDEO, "video/mp4", media)
                .find(DerivativeKind.LOW)
                .orElseThrow();

        if (source.shortSide() >= 16) {
            double factor = (double) low.size().shortSide() / source.shortSide();
            // Each side is rounded down to even: at most 2 pixels off the exact scaled side.
            assertThat((double) low.size().longSide())
                    .isCloseTo(
                            source.longSide() * factor,
                            org.assertj.core.data.Offset.offset(2.0 + 2.0 * source.longSide() / source.shortSide()));
        }
    }

    @Property(tries = 2000)
    void no_sound_is_encoded_above_its_source_bitrate(@ForAll("anySong") SourceMedia media) throws Exception {
        AudioTrack source = media.audio().orElseThrow();
        ConversionPlan plan = policy.plan(ContentKind.AUDIO, "audio/mpeg", media);

        for (Rendition r : plan.renditions()) {
            if (r instanceof AudioRendition a) {
                long ceiling = source.bitrateBps().orElse(Long.MAX_VALUE);
                assertThat(a.audio().bitrateBps()).isLessThanOrEqualTo(Math.max(ceiling, Ladder.MIN_AUDIO_BPS));
                assertThat(a.audio().sampleRate()).isLessThanOrEqualTo(source.sampleRate());
                assertThat(a.audio().channels()).isLessThanOrEqualTo(Math.min(2, source.channels()));
            }
        }
    }

    @Property(tries = 2000)
    void a_high_when_present_is_strictly_better_than_the_low(
            @ForAll("anySong") SourceMedia song, @ForAll("anyVideo") SourceMedia film) throws Exception {
        ConversionPlan sound = policy.plan(ContentKind.AUDIO, "audio/mpeg", song);
        sound.find(DerivativeKind.HIGH)
                .ifPresent(high -> assertThat(((AudioRendition) high).audio().bitrateBps())
                        .isGreaterThan(
                                ((AudioRendition) sound.find(DerivativeKind.LOW).orElseThrow())
                                        .audio()
                                        .bitrateBps()));
        ConversionPlan video = policy.plan(ContentKind.VIDEO, "video/mp4", film);
        video.find(DerivativeKind.HIGH)
                .ifPresent(high -> assertThat(((VideoRendition) high).size().pixels())
                        .isGreaterThan(
                                ((VideoRendition) video.find(DerivativeKind.LOW).orElseThrow())
                                        .size()
                                        .pixels()));
    }

    @Property(tries = 5000)
    void a_preview_lies_within_its_source_and_lasts_the_preview_length_or_the_whole_source(
            @ForAll @LongRange(min = 0, max = 36_000_000) long sourceMillis,
            @ForAll @IntRange(min = 1, max = 600) int previewSeconds) {
        Duration source = Duration.ofMillis(sourceMillis);
        Duration length = Duration.ofSeconds(previewSeconds);

        Clip clip = Clip.preview(Optional.of(source), length);

        assertThat(clip.start()).isGreaterThanOrEqualTo(Duration.ZERO);
        if (source.isZero()) {
            assertThat(clip).isEqualTo(new Clip(Duration.ZERO, length));
            return;
        }
        assertThat(clip.end()).isLessThanOrEqualTo(source);
        assertThat(clip.length()).isEqualTo(source.compareTo(length) < 0 ? source : length);
        // About a third in, unless that would run past the end.
        assertThat(clip.start()).isLessThanOrEqualTo(source.dividedBy(3));
        if (source.dividedBy(3).plus(length).compareTo(source) <= 0) {
            assertThat(clip.start()).isEqualTo(source.dividedBy(3));
        }
    }

    @Property(tries = 500)
    void a_preview_of_unknown_length_starts_at_the_beginning(@ForAll @IntRange(min = 1, max = 600) int previewSeconds) {
        assertThat(Clip.preview(Optional.empty(), Duration.ofSeconds(previewSeconds)))
                .isEqualTo(new Clip(Duration.ZERO, Duration.ofSeconds(previewSeconds)));
    }

    @Property(tries = 2000)
    void an_image_preview_fits_its_box_and_is_never_larger_than_the_image(
            @ForAll @IntRange(min = 1, max = 20_000) int width, @ForAll @IntRange(min = 1, max = 20_000) int height) {
        Dimensions fitted = new Dimensions(width, height).fitLongSide(1280);

        assertThat(fitted.longSide()).isLessThanOrEqualTo(Math.min(1280, Math.max(width, height)));
        assertThat(fitted.width()).isLessThanOrEqualTo(width);
        assertThat(fitted.height()).isLessThanOrEqualTo(height);
    }
}
