package dev.cairn.app.node;

import static dev.cairn.app.node.NodeUploadTest.OWNER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.app.config.NodeConfig;
import dev.cairn.core.auth.HostResolver;
import dev.cairn.core.conversion.ConversionEvent;
import dev.cairn.core.conversion.Derivative;
import dev.cairn.core.conversion.DerivativeKind;
import dev.cairn.core.conversion.DerivativeStatus;
import dev.cairn.core.conversion.Dimensions;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.port.SystemClock;
import dev.cairn.core.upload.Chunk;
import dev.cairn.core.upload.Concatenation;
import dev.cairn.core.upload.UploadId;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole node converting what is uploaded to it: real PostgreSQL queue, real FFmpeg through JavaCV, the derivatives'
 * blobs in the node's blob store. A generated WAV becomes a ready preview, low and high, a generated clip a preview,
 * low and cover; a file that only looks like a WAV fails with FFmpeg's reason, and its original stays stored.
 */
class NodeConversionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path root;

    static CairnNode node;
    static final List<ConversionEvent> events = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startNode() throws Exception {
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx--x--x"));
        NodeConfig config = NodeConfig.fromEnv(
                        Map.of(
                                "DATA_DIR", root.resolve("node").toString(),
                                "HTTP_PORT", String.valueOf(NodeUploadTest.freePort()),
                                "LOCAL_MODE", "true",
                                "LOG_LEVEL", "WARN",
                                "CONVERT_WORKERS", "2",
                                "CONVERT_CPU_LIMIT", "1"),
                        HostResolver.system())
                .config();
        node = CairnNode.start(config, SystemClock.INSTANCE, "test");
        node.onConversion(events::add);
        NodeUploadTest.signIn(node);
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void anUploadedSongGetsAReadyPreviewLowAndHighInBlobsOfTheirOwn() throws Exception {
        ContentId song = upload(SineWave.wav(3, 44_100, 2), "tone.wav");

        NodeUploadTest.awaitTrue("the song is converted", () -> eventFor(song) != null);

        assertThat(eventFor(song)).isInstanceOf(ConversionEvent.Ready.class);
        List<Derivative> derivatives = node.derivatives().of(song);
        assertThat(derivatives)
                .extracting(Derivative::kind)
                .containsExactly(DerivativeKind.PREVIEW, DerivativeKind.LOW, DerivativeKind.HIGH);
        for (Derivative d : derivatives) {
            assertThat(d.status()).isEqualTo(DerivativeStatus.READY);
            assertThat(d.codec()).contains("aac");
            assertThat(d.duration().orElseThrow().toMillis()).isBetween(2_800L, 3_200L);
            ContentId blob = d.blob().orElseThrow();
            assertThat(node.holds(blob)).as("%s blob stored", d.kind().wire()).isTrue();
            assertThat(node.ownsContent(blob))
                    .as("a rendition is no content of its own")
                    .isFalse();
            assertThat(d.wrappedKey()).as("encrypted under its own key").isPresent();
        }
        assertThat(derivatives.get(1).bitrateBps().orElseThrow())
                .isLessThan(derivatives.get(2).bitrateBps().orElseThrow());
        theOwnerPlaysLowAndHighWhileOthersGetThePreview(song);
        assertThat(NodeUploadTest.httpGet(node, "/metrics", Map.of()).body())
                .containsPattern("cairn_conversion_finished_total\\{outcome=\"ready\"} [1-9]")
                .containsPattern("cairn_conversion_jobs\\{state=\"done\"} [1-9]");
    }

    /** Upload → convert → view, over the node's HTTP API: the policy sees who asks, and a signed URL plays. */
    private static void theOwnerPlaysLowAndHighWhileOthersGetThePreview(ContentId song) throws Exception {
        String path = "/api/v1/content.view/" + song.hex();
        JsonNode owner = JSON.readTree(NodeUploadTest.httpGet(node, path, Map.of("Authorization", "local"))
                .body());
        assertThat(owner.get("status").asText()).isEqualTo("ready");
        assertThat(owner.get("display_options"))
                .extracting(o -> o.get("kind").asText())
                .contains("low", "high");
        JsonNode anonymous =
                JSON.readTree(NodeUploadTest.httpGet(node, path, Map.of()).body());
        assertThat(anonymous.get("display_options"))
                .extracting(o -> o.get("kind").asText())
                .containsExactly("preview");

        String high = null;
        for (JsonNode option : owner.get("display_options")) {
            if (option.get("kind").asText().equals("high")) {
                high = option.get("url").asText();
            }
        }
        var media = NodeUploadTest.httpGet(node, high, Map.of("Range", "bytes=0-15"));
        assertThat(media.statusCode()).isEqualTo(206);
        assertThat(media.body()).contains("ftyp");
        int sig = high.indexOf("sig=") + "sig=".length();
        char other = high.charAt(sig) == 'A' ? 'B' : 'A';
        var altered = NodeUploadTest.httpGet(node, high.substring(0, sig) + other + high.substring(sig + 1), Map.of());
        assertThat(altered.statusCode()).isEqualTo(403);
    }

    @Test
    void aCorruptFileFailsWithFfmpegsReasonAndItsOriginalIsKept() throws Exception {
        ContentId broken = upload(SineWave.corrupt(50_000, 9), "broken.wav");

        NodeUploadTest.awaitTrue("the conversion gives up", () -> eventFor(broken) != null);

        ConversionEvent event = eventFor(broken);
        assertThat(event).isInstanceOf(ConversionEvent.Failed.class);
        assertThat(((ConversionEvent.Failed) event).reason()).startsWith("unreadable_input: FFmpeg cannot read");
        assertThat(node.derivatives().of(broken)).singleElement().satisfies(d -> {
            assertThat(d.status()).isEqualTo(DerivativeStatus.FAILED);
            assertThat(d.failureReason()).contains(((ConversionEvent.Failed) event).reason());
        });
        assertThat(node.holds(broken)).as("the original is kept").isTrue();
        assertThat(node.contents().find(broken)).isPresent();
    }

    @Test
    void anUploadedClipGetsAPreviewALowAndASquareCoverNeverUpscaled() throws Exception {
        ContentId clip = upload(clip(root.resolve("clip.mp4"), 320, 240, 1.5), "clip.mp4");

        NodeUploadTest.awaitTrue("the clip is converted", () -> eventFor(clip) != null);

        assertThat(eventFor(clip)).isInstanceOf(ConversionEvent.Ready.class);
        List<Derivative> derivatives = node.derivatives().of(clip);
        assertThat(derivatives)
                .as("no high: it could not be better than the low of a 240p source")
                .extracting(Derivative::kind, Derivative::status, Derivative::codec)
                .containsExactly(
                        tuple(DerivativeKind.PREVIEW, DerivativeStatus.READY, Optional.of("h264+aac")),
                        tuple(DerivativeKind.LOW, DerivativeStatus.READY, Optional.of("h264+aac")),
                        tuple(DerivativeKind.COVER, DerivativeStatus.READY, Optional.of("jpeg")));
        assertThat(derivatives.get(1).size()).contains(new Dimensions(320, 240));
        assertThat(derivatives.get(2).size()).contains(new Dimensions(240, 240));
    }

    /** {@code seconds} of a moving test pattern with a tone: H.264 + AAC in MP4, as a phone would send. */
    static byte[] clip(Path file, int width, int height, double seconds) throws Exception {
        int fps = 30;
        int rate = 44_100;
        try (var recorder = new FFmpegFrameRecorder(file.toFile(), width, height, 1);
                var converter = new Java2DFrameConverter()) {
            recorder.setFormat("mp4");
            recorder.setVideoCodecName("libopenh264");
            recorder.setVideoCodec(avcodec.AV_CODEC_ID_H264);
            recorder.setVideoBitrate(400_000);
            recorder.setFrameRate(fps);
            recorder.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
            recorder.setSampleRate(rate);
            recorder.start();
            var picture = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
            int frames = (int) Math.round(seconds * fps);
            for (int i = 0; i < frames; i++) {
                var g = picture.createGraphics();
                g.setColor(new Color(Color.HSBtoRGB(i / (float) frames, 0.8f, 0.9f)));
                g.fillRect(0, 0, width, height);
                g.setColor(Color.WHITE);
                g.fillRect(i * (width - 40) / frames, height / 2 - 20, 40, 40);
                g.dispose();
                recorder.record(converter.convert(picture));
                float[] samples = new float[rate / fps];
                for (int k = 0; k < samples.length; k++) {
                    samples[k] = (float) (0.3 * Math.sin(2 * Math.PI * 440 * (i * samples.length + k) / rate));
                }
                recorder.recordSamples(rate, 1, FloatBuffer.wrap(samples));
            }
            recorder.stop();
        }
        return Files.readAllBytes(file);
    }

    static ConversionEvent eventFor(ContentId content) {
        return events.stream()
                .filter(e -> e.content().equals(content))
                .findFirst()
                .orElse(null);
    }

    static ContentId upload(byte[] bytes, String name) {
        UploadId id = node.uploads()
                .create(OWNER, OptionalLong.of(bytes.length), Map.of("filename", name), Concatenation.NONE)
                .id();
        return node.uploads()
                .patch(OWNER, id, Chunk.of(0, new ByteArrayInputStream(bytes)))
                .contentId()
                .orElseThrow();
    }
}
