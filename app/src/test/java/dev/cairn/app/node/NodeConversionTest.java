package dev.cairn.app.node;

import static dev.cairn.app.node.NodeUploadTest.OWNER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.app.config.NodeConfig;
import dev.cairn.core.auth.HostResolver;
import dev.cairn.core.conversion.ConversionEvent;
import dev.cairn.core.conversion.Derivative;
import dev.cairn.core.conversion.DerivativeKind;
import dev.cairn.core.conversion.DerivativeStatus;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.port.SystemClock;
import dev.cairn.core.upload.Chunk;
import dev.cairn.core.upload.Concatenation;
import dev.cairn.core.upload.UploadId;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole node converting what is uploaded to it: real PostgreSQL queue, real FFmpeg through JavaCV, the derivatives'
 * blobs in the node's blob store. A generated WAV becomes a ready preview, low and high; a file that only looks like a
 * WAV fails with FFmpeg's reason, and its original stays stored.
 */
class NodeConversionTest {
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
        assertThat(NodeUploadTest.httpGet(node, "/metrics", Map.of()).body())
                .containsPattern("cairn_conversion_finished_total\\{outcome=\"ready\"} [1-9]")
                .containsPattern("cairn_conversion_jobs\\{state=\"done\"} [1-9]");
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
