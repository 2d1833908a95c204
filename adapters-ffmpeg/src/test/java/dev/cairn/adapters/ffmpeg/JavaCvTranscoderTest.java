package dev.cairn.adapters.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.cairn.core.content.ContentKind;
import dev.cairn.core.conversion.AudioRendition;
import dev.cairn.core.conversion.Cancellation;
import dev.cairn.core.conversion.ConversionException;
import dev.cairn.core.conversion.ConversionFailure;
import dev.cairn.core.conversion.ConversionLimits;
import dev.cairn.core.conversion.ConversionPlan;
import dev.cairn.core.conversion.CoverRendition;
import dev.cairn.core.conversion.DerivationPolicy;
import dev.cairn.core.conversion.DerivativeKind;
import dev.cairn.core.conversion.Dimensions;
import dev.cairn.core.conversion.ImagePreview;
import dev.cairn.core.conversion.Ladder;
import dev.cairn.core.conversion.MediaSource;
import dev.cairn.core.conversion.ProgressListener;
import dev.cairn.core.conversion.Rendition;
import dev.cairn.core.conversion.SourceMedia;
import dev.cairn.core.conversion.TranscodeReport;
import dev.cairn.core.conversion.VideoRendition;
import dev.cairn.core.encryption.CtrCipher;
import dev.cairn.core.port.RandomBytes;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Real FFmpeg through JavaCV on media the tests make; every output is probed back. */
class JavaCvTranscoderTest {
    /** Short enough that a few-second input has room for a preview a third in. */
    static final Duration PREVIEW = Duration.ofSeconds(2);

    static final ConversionLimits LIMITS =
            new ConversionLimits(2, Duration.ofMinutes(2), Duration.ofHours(1), 100L * 1024 * 1024);

    @TempDir
    static Path media;

    static Map<String, byte[]> inputs;
    static ScratchSpace scratch;
    static JavaCvTranscoder transcoder;

    final DerivationPolicy policy = new DerivationPolicy(Ladder.defaults().withPreviewLength(PREVIEW));

    @BeforeAll
    static void makeMedia() throws IOException {
        byte[] mp4 = TestMedia.mp4(media, "landscape.mp4", 1280, 720, 15, 6);
        inputs = Map.ofEntries(
                Map.entry("sine.wav", TestMedia.wav(media, 4)),
                Map.entry("sine.mp3", TestMedia.mp3WithCover(media, 4, 300, 200)),
                Map.entry("sine.flac", TestMedia.flac(media, 4)),
                Map.entry("landscape.mp4", mp4),
                Map.entry("pattern.webm", TestMedia.webm(media, 640, 360, 15, 3)),
                Map.entry("portrait.mp4", TestMedia.mp4(media, "portrait.mp4", 540, 960, 15, 3)),
                Map.entry("short.mp4", TestMedia.mp4(media, "short.mp4", 320, 240, 15, 1)),
                Map.entry(
                        "rotated.mp4",
                        TestMedia.mp4(
                                media,
                                "rotated.mp4",
                                320,
                                240,
                                15,
                                1, // As a phone writes portrait: ffprobe shows "rotation of -90.00 degrees".
                                r -> r.setDisplayRotation(-90))),
                Map.entry("picture.png", TestMedia.png(700, 500)),
                Map.entry("random.bin", TestMedia.randomBytes(100_000, 7)),
                Map.entry("corrupt.mp4", TestMedia.corruptMp4(mp4)));
        scratch = ScratchSpace.open(media.resolve("scratch"), CtrCipher.preferOpenSsl(), RandomBytes.secure());
        transcoder = new JavaCvTranscoder(scratch, LIMITS);
    }

    @AfterAll
    static void closeScratch() throws IOException {
        scratch.close();
    }

    @AfterEach
    void nothingIsLeftInTheScratchDirectory() throws IOException {
        try (Stream<Path> left = Files.list(scratch.directory())) {
            assertThat(left.filter(p -> !p.endsWith(".lock"))).isEmpty();
        }
    }

    static MediaSource source(String name) {
        return MediaSource.of(inputs.get(name));
    }

    record Made(TranscodeReport report, byte[] bytes, List<Integer> progress) {}

    static Made make(String input, Rendition rendition) throws ConversionException {
        var out = new ByteArrayOutputStream();
        List<Integer> progress = new ArrayList<>();
        TranscodeReport report = transcoder.transcode(source(input), rendition, out, progress::add, new Cancellation());
        return new Made(report, out.toByteArray(), progress);
    }

    ConversionPlan plan(String input, ContentKind kind, String mime) throws ConversionException {
        SourceMedia probed = transcoder.probe(source(input), new Cancellation());
        return policy.plan(kind, mime, probed);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sine.wav", "sine.mp3", "sine.flac"})
    void sound_becomes_fast_start_aac_renditions_of_the_planned_length(String input) throws Exception {
        ConversionPlan plan = plan(input, ContentKind.AUDIO, "audio/x");

        assertThat(plan.kind()).isEqualTo(ContentKind.AUDIO);
        assertThat(plan.find(DerivativeKind.LOW)).isPresent();
        for (Rendition r : plan.toTranscode()) {
            if (!(r instanceof AudioRendition audio)) {
                continue;
            }
            Made made = make(input, audio);
            Played played = Played.of(made.bytes());

            assertThat(played.audioCodec()).isEqualTo("aac");
            assertThat(played.videoCodec()).isNull();
            assertThat(played.fastStart())
                    .as("moov before mdat in %s", played.boxes())
                    .isTrue();
            assertThat(played.seconds()).isCloseTo(r.kind() == DerivativeKind.PREVIEW ? 2.0 : 4.0, within(0.15));
            assertThat(played.channels()).isEqualTo(2);
            assertThat(made.report().codec()).isEqualTo("aac");
            assertThat(made.report().sizeBytes()).isEqualTo(made.bytes().length);
            assertThat(made.report().duration().orElseThrow().toMillis() / 1000.0)
                    .isCloseTo(played.seconds(), within(0.05));
            assertThat(made.report().bitrateBps().orElseThrow())
                    .isLessThanOrEqualTo(audio.audio().bitrateBps() * 3 / 2);
            assertThat(made.progress()).isSorted().startsWith(0).endsWith(100);
        }
    }

    @Test
    void an_mp3s_embedded_picture_becomes_a_square_cover() throws Exception {
        ConversionPlan plan = plan("sine.mp3", ContentKind.AUDIO, "audio/mpeg");
        var cover = (CoverRendition) plan.find(DerivativeKind.COVER).orElseThrow();

        Made made = make("sine.mp3", cover);

        BufferedImage jpeg = ImageIO.read(new ByteArrayInputStream(made.bytes()));
        assertThat(jpeg.getWidth()).isEqualTo(jpeg.getHeight()).isEqualTo(200);
        assertThat(made.report().size()).contains(new Dimensions(200, 200));
        assertThat(made.report().codec()).isEqualTo("jpeg");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"landscape.mp4", "pattern.webm", "portrait.mp4", "short.mp4"})
    void video_becomes_fast_start_h264_renditions_within_bounds_never_upscaled(String input) throws Exception {
        SourceMedia source = transcoder.probe(source(input), new Cancellation());
        Dimensions original = source.video().orElseThrow().size();
        double length = Played.picturesEnd(inputs.get(input));
        ConversionPlan plan = policy.plan(ContentKind.VIDEO, "video/x", source);

        for (Rendition r : plan.toTranscode()) {
            if (!(r instanceof VideoRendition video)) {
                continue;
            }
            Made made = make(input, video);
            Played played = Played.of(made.bytes());

            assertThat(played.videoCodec()).isEqualTo("h264");
            assertThat(played.audioCodec()).isEqualTo("aac");
            assertThat(played.fastStart())
                    .as("moov before mdat in %s", played.boxes())
                    .isTrue();
            assertThat(played.width()).isEqualTo(video.size().width()).isLessThanOrEqualTo(original.width());
            assertThat(played.height()).isEqualTo(video.size().height()).isLessThanOrEqualTo(original.height());
            assertThat(Math.min(played.width(), played.height()))
                    .isLessThanOrEqualTo(r.kind() == DerivativeKind.HIGH ? 1080 : 480);
            assertThat((double) played.width() / played.height())
                    .isCloseTo((double) original.width() / original.height(), within(0.02));
            double expected = video.clip()
                    .map(c -> Math.min(
                                    c.length().toMillis(),
                                    length * 1000 - c.start().toMillis())
                            / 1000.0)
                    .orElse(length);
            assertThat(played.seconds()).isCloseTo(expected, within(0.2));
            assertThat(played.frames()).isBetween((int) (expected * 15) - 2, (int) (expected * 15) + 2);
            assertThat(made.report().codec()).isEqualTo("h264+aac");
            assertThat(made.report().size()).contains(video.size());
        }
    }

    @Test
    void the_landscape_source_had_its_index_at_the_end_so_reading_it_took_seeking() {
        List<String> boxes = Played.boxes(inputs.get("landscape.mp4"));
        assertThat(boxes.indexOf("moov")).isGreaterThan(boxes.indexOf("mdat"));
    }

    @Test
    void a_720p_video_gets_480p_low_and_preview_and_a_720p_high() throws Exception {
        ConversionPlan plan = plan("landscape.mp4", ContentKind.VIDEO, "video/mp4");

        assertThat(((VideoRendition) plan.find(DerivativeKind.LOW).orElseThrow()).size())
                .isEqualTo(new Dimensions(852, 480));
        assertThat(((VideoRendition) plan.find(DerivativeKind.HIGH).orElseThrow()).size())
                .isEqualTo(new Dimensions(1280, 720));
        assertThat(((VideoRendition) plan.find(DerivativeKind.PREVIEW).orElseThrow())
                        .clip()
                        .orElseThrow()
                        .start())
                .isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void a_phone_clip_keeps_its_display_rotation_and_its_cover_is_turned_upright() throws Exception {
        SourceMedia probed = transcoder.probe(source("rotated.mp4"), new Cancellation());
        assertThat(probed.video().orElseThrow().rotationDegrees()).isEqualTo(90);
        ConversionPlan plan = policy.plan(ContentKind.VIDEO, "video/mp4", probed);

        Made low = make("rotated.mp4", plan.find(DerivativeKind.LOW).orElseThrow());

        SourceMedia made = transcoder.probe(MediaSource.of(low.bytes()), new Cancellation());
        assertThat(made.video().orElseThrow().rotationDegrees()).isEqualTo(90);
        assertThat(made.video().orElseThrow().size()).isEqualTo(new Dimensions(320, 240));
        Made cover = make("rotated.mp4", plan.find(DerivativeKind.COVER).orElseThrow());
        BufferedImage jpeg = ImageIO.read(new ByteArrayInputStream(cover.bytes()));
        // Upright, the pattern's stripes (vertical in the coded frame) run across: rows vary, columns do not.
        assertThat(spread(jpeg, false)).isGreaterThan(spread(jpeg, true));
    }

    /** How much the luma varies along one row (across columns), or along one column. */
    private static double spread(BufferedImage image, boolean alongRow) {
        int n = alongRow ? image.getWidth() : image.getHeight();
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < n; i++) {
            int rgb = alongRow ? image.getRGB(i, image.getHeight() - 3) : image.getRGB(image.getWidth() - 3, i);
            double luma = 0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff);
            sum += luma;
            squares += luma * luma;
        }
        return Math.sqrt(squares / n - (sum / n) * (sum / n));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"landscape.mp4", "portrait.mp4"})
    void a_video_cover_is_a_square_frame(String input) throws Exception {
        ConversionPlan plan = plan(input, ContentKind.VIDEO, "video/mp4");
        var cover = (CoverRendition) plan.find(DerivativeKind.COVER).orElseThrow();

        Made made = make(input, cover);

        BufferedImage jpeg = ImageIO.read(new ByteArrayInputStream(made.bytes()));
        assertThat(jpeg.getWidth()).isEqualTo(jpeg.getHeight()).isEqualTo(cover.side());
        assertThat(Pictures.lumaSpread(jpeg)).isGreaterThan(StillRendering.FLAT_FRAME);
    }

    @Test
    void a_png_gets_a_jpeg_preview_no_larger_than_itself_and_keeps_its_original() throws Exception {
        ConversionPlan plan = plan("picture.png", ContentKind.IMAGE, "image/png");
        var preview = (ImagePreview) plan.find(DerivativeKind.PREVIEW).orElseThrow();

        Made made = make("picture.png", preview);

        BufferedImage jpeg = ImageIO.read(new ByteArrayInputStream(made.bytes()));
        assertThat(new Dimensions(jpeg.getWidth(), jpeg.getHeight())).isEqualTo(new Dimensions(700, 500));
        // The transparent corner is flattened onto white, not black.
        assertThat(jpeg.getRGB(5, 5) & 0xffffff).isGreaterThan(0xf0f0f0);
        assertThat(plan.find(DerivativeKind.ORIGINAL)).isPresent();
    }

    @Test
    void a_random_binary_is_not_media_and_says_so() {
        assertThatThrownBy(() -> transcoder.probe(source("random.bin"), new Cancellation()))
                .isInstanceOfSatisfying(ConversionException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ConversionFailure.UNREADABLE_INPUT);
                    assertThat(e.getMessage())
                            .startsWith("FFmpeg cannot read the file as audio, video or a picture")
                            .endsWith("no format FFmpeg knows matches its contents");
                });
    }

    @Test
    void a_corrupt_mp4_fails_to_probe_and_to_transcode_with_a_reason() throws Exception {
        assertThatThrownBy(() -> transcoder.probe(source("corrupt.mp4"), new Cancellation()))
                .isInstanceOfSatisfying(ConversionException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ConversionFailure.UNREADABLE_INPUT);
                    assertThat(e.getMessage()).endsWith(": moov atom not found");
                });
        Rendition low = plan("landscape.mp4", ContentKind.VIDEO, "video/mp4")
                .find(DerivativeKind.LOW)
                .orElseThrow();
        assertThatThrownBy(() -> make("corrupt.mp4", low))
                .isInstanceOfSatisfying(
                        ConversionException.class,
                        e -> assertThat(e.reason()).isEqualTo(ConversionFailure.UNREADABLE_INPUT));
    }

    @Test
    void a_playlist_cannot_make_ffmpeg_open_anything_but_the_upload() throws Exception {
        Path secret = Files.writeString(media.resolve("secret.txt"), "not for uploaders");
        byte[] playlist = ("#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXTINF:1,\nfile://" + secret + "\n#EXT-X-ENDLIST\n")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> transcoder.probe(MediaSource.of(playlist), new Cancellation()))
                .isInstanceOfSatisfying(
                        ConversionException.class,
                        e -> assertThat(e.reason()).isEqualTo(ConversionFailure.UNREADABLE_INPUT));
    }

    @Test
    void an_input_over_the_size_limit_is_refused_before_it_is_read() {
        var small = new JavaCvTranscoder(
                scratch, new ConversionLimits(1, Duration.ofMinutes(1), Duration.ofHours(1), 1000));

        assertThatThrownBy(() -> small.probe(source("sine.wav"), new Cancellation()))
                .isInstanceOfSatisfying(ConversionException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ConversionFailure.INPUT_TOO_LARGE);
                    assertThat(e.getMessage()).contains("CONVERT_MAX_INPUT_MB");
                });
    }

    @Test
    void an_input_over_the_duration_limit_fails_with_that_reason() throws Exception {
        var brief = new JavaCvTranscoder(
                scratch, new ConversionLimits(1, Duration.ofMinutes(1), Duration.ofSeconds(3), 100_000_000));
        Rendition low = plan("landscape.mp4", ContentKind.VIDEO, "video/mp4")
                .find(DerivativeKind.LOW)
                .orElseThrow();

        assertThatThrownBy(() -> brief.transcode(
                        source("landscape.mp4"),
                        low,
                        new ByteArrayOutputStream(),
                        ProgressListener.NONE,
                        new Cancellation()))
                .isInstanceOfSatisfying(ConversionException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ConversionFailure.INPUT_TOO_LONG);
                    assertThat(e.getMessage()).contains("CONVERT_MAX_DURATION_SEC");
                });
    }

    @Test
    void a_job_over_its_time_limit_fails_as_timed_out() throws Exception {
        var hasty = new JavaCvTranscoder(
                scratch, new ConversionLimits(1, Duration.ofNanos(1), Duration.ofHours(1), 100_000_000));

        assertThatThrownBy(() -> hasty.probe(source("landscape.mp4"), new Cancellation()))
                .isInstanceOfSatisfying(ConversionException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ConversionFailure.TIMED_OUT);
                    assertThat(e.getMessage()).contains("CONVERT_TIMEOUT_SEC");
                });
    }

    @Test
    void a_cancelled_job_stops_between_frames() throws Exception {
        Rendition high = plan("landscape.mp4", ContentKind.VIDEO, "video/mp4")
                .find(DerivativeKind.HIGH)
                .orElseThrow();
        var cancellation = new Cancellation();

        assertThatThrownBy(() -> transcoder.transcode(
                        source("landscape.mp4"),
                        high,
                        new ByteArrayOutputStream(),
                        percent -> {
                            if (percent >= 20) {
                                cancellation.cancel();
                            }
                        },
                        cancellation))
                .isInstanceOfSatisfying(
                        ConversionException.class, e -> assertThat(e.reason()).isEqualTo(ConversionFailure.CANCELLED));
    }

    @Test
    void a_failing_output_is_a_storage_failure() throws Exception {
        Rendition low = plan("sine.wav", ContentKind.AUDIO, "audio/wav")
                .find(DerivativeKind.LOW)
                .orElseThrow();
        var broken = new java.io.OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("disk full");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("disk full");
            }
        };

        assertThatThrownBy(() -> transcoder.transcode(
                        source("sine.wav"), low, broken, ProgressListener.NONE, new Cancellation()))
                .isInstanceOfSatisfying(ConversionException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ConversionFailure.STORAGE);
                    assertThat(e.getMessage()).contains("disk full");
                });
    }

    @Test
    void the_original_is_not_transcoded() {
        assertThatThrownBy(() -> make("random.bin", new dev.cairn.core.conversion.Original("application/octet-stream")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
