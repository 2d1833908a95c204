package dev.cairn.core.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.hash.Digest256;
import dev.cairn.core.id.ContentId;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UploadSpoolTest {
    static final UploadId ID = new UploadId("1a".repeat(16));
    static final ContentId CONTENT = new ContentId(Digest256.blake3(new byte[] {1, 2, 3}));

    @TempDir
    Path dir;

    @Test
    void oneOpenSpoolPerDirectory() throws IOException {
        try (UploadSpool spool = UploadSpool.open(dir)) {
            assertThatThrownBy(() -> UploadSpool.open(dir))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining(dir.toString())
                    .hasMessageContaining("already in use");
            assertThat(spool.directory()).isEqualTo(dir.toAbsolutePath().normalize());
        }
        UploadSpool.open(dir).close();
    }

    @Test
    void appendingCutsAwayBytesPastTheDurableOffset() throws IOException {
        try (UploadSpool spool = UploadSpool.open(dir)) {
            Files.write(spool.partOf(ID), new byte[100]);

            try (UploadSpool.Appender out = spool.append(ID, 60)) {
                out.write(ByteBuffer.wrap(new byte[] {7, 7}));
                out.force();
            }

            assertThat(spool.size(ID)).isEqualTo(62);
        }
    }

    @Test
    void aSpoolShorterThanItsDurableOffsetIsAnError() throws IOException {
        try (UploadSpool spool = UploadSpool.open(dir)) {
            Files.write(spool.partOf(ID), new byte[10]);

            assertThatThrownBy(() -> spool.append(ID, 11)).hasMessageContaining("holds 10 bytes, fewer than the 11");
            assertThatThrownBy(() -> spool.append(new UploadId("2b".repeat(16)), 5))
                    .hasMessageContaining("5 bytes of it are recorded as durable");
        }
    }

    @Test
    void aRecordedContentIdReadsBackAndATornOneReadsAsNone() throws IOException {
        try (UploadSpool spool = UploadSpool.open(dir)) {
            spool.create(ID);
            spool.recordContentId(ID, CONTENT);
            assertThat(spool.recordedContentId(ID)).contains(CONTENT);
            assertThat(spool.list()).containsExactly(ID);

            Files.writeString(dir.resolve(ID.value() + ".cid"), CONTENT.hex().substring(0, 20));
            assertThat(spool.recordedContentId(ID)).isEmpty();

            spool.discard(ID);
            assertThat(spool.list()).isEmpty();
            assertThat(spool.recordedContentId(ID)).isEmpty();
        }
    }

    @Test
    void onlyUploadFilesAreListed() throws IOException {
        try (UploadSpool spool = UploadSpool.open(dir)) {
            spool.create(ID);
            Files.writeString(dir.resolve("notes.txt"), "stray");

            assertThat(spool.list()).containsExactly(ID);
        }
    }
}
