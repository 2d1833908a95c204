package dev.cairn.app.upload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.adapters.http.upload.TusRoutes;
import dev.cairn.app.node.SineWave;
import dev.cairn.core.conversion.Derivative;
import dev.cairn.core.conversion.DerivativeKind;
import dev.cairn.core.conversion.DerivativeStatus;
import dev.cairn.core.id.ContentId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node is SIGKILLed while it converts an upload, and restarted on the same data directory: the restarted node
 * takes the job back at once (it was its own), finishes it, and the content ends with one ready derivative per kind and
 * one blob each; nothing converted twice is left behind, and the job completed once.
 */
class ConversionNodeKilledProcessTest {
    /** Long enough that the conversion is still running when the kill lands, short enough to keep the suite quick. */
    static final double SECONDS = 40;

    @TempDir
    Path tmp;

    final RawTus tus = new RawTus();
    NodeProcess node;

    @AfterEach
    void closeNode() throws InterruptedException {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void aConversionKilledMidwayIsResumedAfterRestartAndCompletesOnce() throws Exception {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwx--x--x"));
        Path dataDir = tmp.resolve("node");
        int port = NodeProcess.freePort();
        Map<String, String> env = Map.of("CONVERT_CPU_LIMIT", "1", "LOG_LEVEL", "INFO");
        byte[] song = SineWave.wav(SECONDS, 44_100, 2);

        node = NodeProcess.start(dataDir, port, 100, env);
        var created = tus.create(node.tusEndpoint(), song.length);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        var finished = tus.patch(RawTus.location(node.tusEndpoint(), created), 0, song, Map.of());
        assertThat(finished.statusCode()).as(finished.body()).isEqualTo(204);
        ContentId content = ContentId.fromHex(
                finished.headers().firstValue(TusRoutes.CONTENT_ID).orElseThrow());
        node.awaitOutput("Converting " + content.hex());
        node.kill();
        assertThat(node.linesContaining("Converted " + content.hex()))
                .as("killed mid-conversion")
                .isZero();

        node = NodeProcess.start(dataDir, port, 100, env);
        node.awaitOutput("Converted " + content.hex());
        assertThat(node.output()).contains("Took back 1 conversion jobs left running by an earlier run of this node");
        assertThat(node.linesContaining("Converted " + content.hex())).isOne();
        // For the record (surefire's -output.txt): how long the resumed conversion took.
        node.output()
                .lines()
                .filter(l -> l.contains("onver") || l.contains("Took back"))
                .forEach(System.out::println);
        node.stop();

        try (var store = StoppedNodeStore.open(dataDir)) {
            assertThat(store.conversionJobs(content)).containsExactly("done after 2 attempts");
            var derivatives = store.derivatives(content);
            assertThat(derivatives)
                    .extracting(Derivative::kind)
                    .containsExactly(DerivativeKind.PREVIEW, DerivativeKind.LOW, DerivativeKind.HIGH);
            assertThat(derivatives).allMatch(d -> d.status() == DerivativeStatus.READY);
            assertThat(blobFiles(dataDir))
                    .as("the upload and one blob per rendition, nothing from the killed attempt")
                    .containsExactlyInAnyOrderElementsOf(Stream.concat(
                                    Stream.of(content.hex()),
                                    derivatives.stream()
                                            .map(d -> d.blob().orElseThrow().hex()))
                            .toList());
        }
    }

    /** The committed blobs: {@code blobs/<2 hex digits>/<id>} (unfinished writes live in {@code blobs/tmp}). */
    private static java.util.List<String> blobFiles(Path dataDir) throws IOException {
        try (Stream<Path> files = Files.walk(dataDir.resolve("blobs"))) {
            return files.filter(Files::isRegularFile)
                    .map(Path::getFileName)
                    .map(Path::toString)
                    .filter(name -> name.matches("[0-9a-f]{64}"))
                    .toList();
        }
    }
}
