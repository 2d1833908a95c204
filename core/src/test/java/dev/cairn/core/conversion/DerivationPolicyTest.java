package dev.cairn.core.conversion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.content.ContentKind;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class DerivationPolicyTest {
    private final DerivationPolicy policy = DerivationPolicy.defaults();

    static SourceMedia song(Duration length, OptionalLong bitrate, Optional<Dimensions> picture) {
        return new SourceMedia(
                "mp3",
                Optional.of(length),
                Optional.of(new AudioTrack("mp3float", bitrate, 44_100, 2)),
                Optional.empty(),
                picture);
    }

    static SourceMedia film(Dimensions size, double fps, Duration length) {
        return new SourceMedia(
                "mov,mp4,m4a,3gp,3g2,mj2",
                Optional.of(length),
                Optional.of(new AudioTrack("aac", OptionalLong.of(160_000), 48_000, 6)),
                Optional.of(new VideoTrack("h264", size, fps, OptionalLong.of(8_000_000), 0)),
                Optional.empty());
    }

    @Test
    void a_song_gets_a_thirty_second_preview_from_a_third_in_low_high_and_its_embedded_cover() throws Exception {
        ConversionPlan plan = policy.plan(
                ContentKind.AUDIO,
                "audio/mpeg",
                song(Duration.ofMinutes(3), OptionalLong.of(320_000), Optional.of(new Dimensions(600, 600))));

        assertThat(plan.kind()).isEqualTo(ContentKind.AUDIO);
        assertThat(plan.renditions())
                .containsExactly(
                        new AudioRendition(
                                DerivativeKind.PREVIEW,
                                new AudioEncoding(64_000, 44_100, 2),
                                Optional.of(new Clip(Duration.ofMinutes(1), Duration.ofSeconds(30)))),
                        new AudioRendition(DerivativeKind.LOW, new AudioEncoding(128_000, 44_100, 2), Optional.empty()),
                        new AudioRendition(
                                DerivativeKind.HIGH, new AudioEncoding(320_000, 44_100, 2), Optional.empty()),
                        new CoverRendition(new CoverSource.EmbeddedPicture(), 512));
    }

    @Test
    void a_192_kbps_song_gets_a_192_kbps_high_and_no_cover_without_a_picture() throws Exception {
        ConversionPlan plan = policy.plan(
                ContentKind.AUDIO,
                "audio/mpeg",
                song(Duration.ofMinutes(3), OptionalLong.of(192_000), Optional.empty()));

        assertThat(plan.find(DerivativeKind.HIGH))
                .contains(new AudioRendition(
                        DerivativeKind.HIGH, new AudioEncoding(192_000, 44_100, 2), Optional.empty()));
        assertThat(plan.find(DerivativeKind.COVER)).isEmpty();
    }

    @Test
    void a_128_kbps_song_has_no_high_since_it_could_not_be_better_than_low() throws Exception {
        ConversionPlan plan = policy.plan(
                ContentKind.AUDIO,
                "audio/mpeg",
                song(Duration.ofMinutes(3), OptionalLong.of(128_000), Optional.empty()));

        assertThat(plan.renditions())
                .extracting(Rendition::kind)
                .containsExactly(DerivativeKind.PREVIEW, DerivativeKind.LOW);
    }

    @Test
    void a_lossless_song_of_unknown_bitrate_gets_the_full_ladder_at_48_khz_stereo_at_most() throws Exception {
        var hiRes = new SourceMedia(
                "flac",
                Optional.of(Duration.ofSeconds(10)),
                Optional.of(new AudioTrack("flac", OptionalLong.empty(), 96_000, 6)),
                Optional.empty(),
                Optional.empty());

        ConversionPlan plan = policy.plan(ContentKind.AUDIO, "audio/flac", hiRes);

        assertThat(plan.find(DerivativeKind.HIGH))
                .contains(new AudioRendition(
                        DerivativeKind.HIGH, new AudioEncoding(320_000, 48_000, 2), Optional.empty()));
        assertThat(((AudioRendition) plan.find(DerivativeKind.PREVIEW).orElseThrow()).clip())
                .contains(new Clip(Duration.ZERO, Duration.ofSeconds(10)));
    }

    @Test
    void a_1080p_film_gets_a_480p_preview_and_low_a_1080p_high_and_a_frame_cover() throws Exception {
        ConversionPlan plan = policy.plan(
                ContentKind.VIDEO, "video/mp4", film(new Dimensions(1920, 1080), 25, Duration.ofMinutes(9)));

        var preview = (VideoRendition) plan.find(DerivativeKind.PREVIEW).orElseThrow();
        var low = (VideoRendition) plan.find(DerivativeKind.LOW).orElseThrow();
        var high = (VideoRendition) plan.find(DerivativeKind.HIGH).orElseThrow();
        assertThat(preview.size()).isEqualTo(new Dimensions(852, 480));
        assertThat(preview.clip()).contains(new Clip(Duration.ofMinutes(3), Duration.ofSeconds(30)));
        assertThat(low.size()).isEqualTo(new Dimensions(852, 480));
        assertThat(low.clip()).isEmpty();
        assertThat(high.size()).isEqualTo(new Dimensions(1920, 1080));
        assertThat(high.frameRate()).isEqualTo(25);
        assertThat(high.videoBitrateBps()).isEqualTo(Math.round(1920 * 1080 * 25 * 0.1));
        assertThat(high.audio()).contains(new AudioEncoding(160_000, 48_000, 2));
        assertThat(low.audio()).contains(new AudioEncoding(96_000, 48_000, 2));
        assertThat(plan.find(DerivativeKind.COVER))
                .contains(new CoverRendition(new CoverSource.VideoFrame(Duration.ofMinutes(3)), 512));
    }

    @Test
    void a_4k_portrait_clip_keeps_its_orientation_and_its_60_fps_only_in_high() throws Exception {
        ConversionPlan plan = policy.plan(
                ContentKind.VIDEO, "video/mp4", film(new Dimensions(2160, 3840), 60, Duration.ofSeconds(20)));

        var low = (VideoRendition) plan.find(DerivativeKind.LOW).orElseThrow();
        var high = (VideoRendition) plan.find(DerivativeKind.HIGH).orElseThrow();
        assertThat(low.size()).isEqualTo(new Dimensions(480, 852));
        assertThat(low.frameRate()).isEqualTo(30);
        assertThat(high.size()).isEqualTo(new Dimensions(1080, 1920));
        assertThat(high.frameRate()).isEqualTo(60);
    }

    @Test
    void a_360p_clip_is_never_upscaled_and_has_no_high() throws Exception {
        ConversionPlan plan =
                policy.plan(ContentKind.VIDEO, "video/webm", film(new Dimensions(640, 360), 30, Duration.ofSeconds(5)));

        assertThat(plan.renditions())
                .extracting(Rendition::kind)
                .containsExactly(DerivativeKind.PREVIEW, DerivativeKind.LOW, DerivativeKind.COVER);
        assertThat(((VideoRendition) plan.find(DerivativeKind.LOW).orElseThrow()).size())
                .isEqualTo(new Dimensions(640, 360));
        assertThat(plan.find(DerivativeKind.COVER))
                .contains(new CoverRendition(
                        new CoverSource.VideoFrame(Duration.ofSeconds(5).dividedBy(3)), 360));
    }

    @Test
    void an_mp4_that_holds_only_sound_is_planned_as_audio() throws Exception {
        var onlySound = new SourceMedia(
                "mov,mp4,m4a,3gp,3g2,mj2",
                Optional.of(Duration.ofSeconds(40)),
                Optional.of(new AudioTrack("aac", OptionalLong.of(256_000), 44_100, 2)),
                Optional.empty(),
                Optional.empty());

        ConversionPlan plan = policy.plan(ContentKind.VIDEO, "video/mp4", onlySound);

        assertThat(plan.kind()).isEqualTo(ContentKind.AUDIO);
        assertThat(((AudioRendition) plan.find(DerivativeKind.PREVIEW).orElseThrow()).clip())
                .contains(new Clip(Duration.ofSeconds(10), Duration.ofSeconds(30)));
    }

    @Test
    void a_media_file_without_any_stream_is_refused_with_a_reason() {
        assertThatThrownBy(() -> policy.plan(ContentKind.AUDIO, "audio/mpeg", SourceMedia.none()))
                .isInstanceOf(ConversionException.class)
                .hasMessageContaining("holds neither sound nor moving pictures")
                .extracting(e -> ((ConversionException) e).reason())
                .isEqualTo(ConversionFailure.NO_MEDIA_STREAM);
    }

    @Test
    void an_image_gets_a_downscaled_preview_and_its_original() throws Exception {
        var photo = new SourceMedia(
                "jpeg_pipe",
                Optional.empty(),
                Optional.empty(),
                Optional.of(new VideoTrack("mjpeg", new Dimensions(4000, 3000), 0, OptionalLong.empty(), 0)),
                Optional.empty());

        ConversionPlan plan = policy.plan(ContentKind.IMAGE, "image/jpeg", photo);

        assertThat(plan.renditions())
                .containsExactly(new ImagePreview(new Dimensions(1280, 960)), new Original("image/jpeg"));
        assertThat(plan.toTranscode()).containsExactly(new ImagePreview(new Dimensions(1280, 960)));
    }

    @Test
    void a_small_image_keeps_its_size_and_a_binary_is_kept_as_it_is() throws Exception {
        var icon = new SourceMedia(
                "png_pipe",
                Optional.empty(),
                Optional.empty(),
                Optional.of(new VideoTrack("png", new Dimensions(64, 48), 0, OptionalLong.empty(), 0)),
                Optional.empty());

        assertThat(policy.plan(ContentKind.IMAGE, "image/png", icon).renditions())
                .containsExactly(new ImagePreview(new Dimensions(64, 48)), new Original("image/png"));
        assertThat(policy.plan(ContentKind.BINARY, "application/zip", SourceMedia.none())
                        .renditions())
                .isEqualTo(List.of(new Original("application/zip")));
    }
}
