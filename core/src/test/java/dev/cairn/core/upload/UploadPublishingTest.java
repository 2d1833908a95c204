package dev.cairn.core.upload;

import static dev.cairn.core.upload.UploadFixture.ALICE;
import static dev.cairn.core.upload.UploadFixture.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.content.ContentKind;
import dev.cairn.core.content.ContentRecord;
import dev.cairn.core.id.ContentId;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What follows a finished upload: probing, conversion, IPFS (which may fail) and the announcement. */
class UploadPublishingTest {
    static final byte[] PNG_HEAD = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'
    };

    @TempDir
    Path dir;

    UploadFixture node;

    @BeforeEach
    void start() throws IOException {
        node = new UploadFixture(dir, 23);
    }

    @AfterEach
    void stop() throws IOException {
        node.close();
    }

    static byte[] withHead(byte[] head, int size) {
        var out = new ByteArrayOutputStream();
        out.writeBytes(head);
        out.writeBytes(randomBytes(size - head.length, size));
        return out.toByteArray();
    }

    UploadSession upload(byte[] bytes, Map<String, String> metadata) {
        UploadSession s = node.service.create(ALICE, OptionalLong.of(bytes.length), metadata, Concatenation.NONE);
        return node.upload(s.id(), bytes, 3, 5000);
    }

    @Test
    void mediaIsProbedFromItsFirstPlaintextBytesAndQueuedForConversion() {
        byte[] mp3 = withHead(new byte[] {'I', 'D', '3', 4, 0, 0, 0, 0, 2, 1}, 80_000);

        UploadSession finished = upload(mp3, Map.of("filename", "song.txt", "filetype", "text/plain"));

        ContentRecord content = node.content(finished);
        assertThat(content.kind())
                .as("by its bytes, not its name or declared type")
                .isEqualTo(ContentKind.AUDIO);
        assertThat(content.mimeType()).isEqualTo("audio/mpeg");
        assertThat(node.conversions.pending()).containsExactly(Map.entry(content.id(), ContentKind.AUDIO));
    }

    @Test
    void anOggUploadDeclaredAsVideoIsVideo() {
        byte[] ogg = withHead(
                new byte[] {
                    'O', 'g', 'g', 'S', 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 0, 0, 0, 0, 9, 9, 9, 9, 1, 30, 1, 'v',
                    'o', 'r', 'b', 'i', 's'
                },
                20_000);

        UploadSession finished = upload(ogg, Map.of("filetype", "video/ogg"));

        assertThat(node.content(finished).kind()).isEqualTo(ContentKind.VIDEO);
    }

    @Test
    void aBinaryContentIsNotQueuedForConversion() {
        UploadSession finished = upload(randomBytes(10_000, 1), Map.of());

        assertThat(node.content(finished).kind()).isEqualTo(ContentKind.BINARY);
        assertThat(node.conversions.pending()).isEmpty();
    }

    @Test
    void theContentIsAddedToIpfsAndAnnouncedOnce() throws IOException {
        UploadSession finished = upload(withHead(PNG_HEAD, 30_000), Map.of());
        ContentId id = finished.contentId().orElseThrow();

        assertThat(node.content(finished).ipfsCid()).contains(FakeIpfs.cidOf(id));
        assertThat(node.ipfs.pinned.get(id)).as("the ciphertext, as stored").isEqualTo(blob(id));
        assertThat(node.announced).containsExactly(id);
        node.service.status(ALICE, finished.id());
        assertThat(node.announced).containsExactly(id);
    }

    @Test
    void anIpfsFailureKeepsTheContentAndTheRetryAddsItLater() throws IOException {
        node.ipfs.down = true;
        UploadSession finished = upload(withHead(PNG_HEAD, 30_000), Map.of());
        ContentId id = finished.contentId().orElseThrow();

        ContentRecord content = node.content(finished);
        assertThat(content.ipfsCid()).isEmpty();
        assertThat(node.plaintext(id)).startsWith(PNG_HEAD);
        assertThat(node.announced).as("announced all the same").containsExactly(id);
        assertThat(node.contents.withoutIpfsCid(10))
                .extracting(ContentRecord::id)
                .containsExactly(id);
        assertThat(node.publisher.retryIpfs(10)).as("still down").isZero();

        node.ipfs.down = false;
        assertThat(node.publisher.retryIpfs(10)).isEqualTo(1);

        assertThat(node.content(finished).ipfsCid()).contains(FakeIpfs.cidOf(id));
        assertThat(node.ipfs.pinned.get(id)).isEqualTo(blob(id));
        assertThat(node.contents.withoutIpfsCid(10)).isEmpty();
        assertThat(node.announced).containsExactly(id);
    }

    @Test
    void eachFinishedUploadIsAnnouncedOnce() {
        ContentId first = upload(randomBytes(5_000, 2), Map.of()).contentId().orElseThrow();
        ContentId second = upload(randomBytes(5_000, 3), Map.of()).contentId().orElseThrow();

        assertThat(node.announced).containsExactly(first, second);
    }

    private byte[] blob(ContentId id) throws IOException {
        return Files.readAllBytes(
                dir.resolve("blobs").resolve(id.hex().substring(0, 2)).resolve(id.hex()));
    }
}
