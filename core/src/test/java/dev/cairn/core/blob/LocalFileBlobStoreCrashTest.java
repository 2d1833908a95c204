package dev.cairn.core.blob;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.id.ContentId;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Kills a real JVM in the middle of a blob write and checks what the next start-up finds. */
class LocalFileBlobStoreCrashTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void a_process_killed_mid_write_leaves_no_blob_and_its_temporary_file_is_swept_at_the_next_open() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process child = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        SlowBlobWriter.class.getName(),
                        dir.toString())
                .redirectErrorStream(true)
                .start();
        try {
            var reader = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> readUntilWriting(reader))
                    .get(30, TimeUnit.SECONDS);
            assertThat(line).isEqualTo(SlowBlobWriter.WRITING);
            Thread.sleep(100); // let it get further into the write

            child.destroyForcibly();
            assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }

        List<Path> left = LocalFileBlobStoreTest.filesUnder(dir);
        assertThat(left)
                .as("only the killed write's temporary file, a part of a blob")
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.getParent()).isEqualTo(dir.resolve("tmp"));
                    assertThat(Files.size(p)).isGreaterThanOrEqualTo(16L * 64 * 1024);
                });

        try (LocalFileBlobStore reopened = LocalFileBlobStore.open(dir);
                Stream<ContentId> blobs = reopened.list()) {
            assertThat(blobs).isEmpty();
            assertThat(LocalFileBlobStoreTest.filesUnder(dir)).isEmpty();
        }
    }

    private static String readUntilWriting(BufferedReader reader) {
        try {
            String line;
            StringBuilder seen = new StringBuilder();
            while ((line = reader.readLine()) != null) {
                if (line.equals(SlowBlobWriter.WRITING)) {
                    return line;
                }
                seen.append(line).append('\n');
            }
            return "child ended before writing; its output:\n" + seen;
        } catch (IOException e) {
            return "reading the child failed: " + e;
        }
    }
}
