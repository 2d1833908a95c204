package dev.cairn.adapters.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.blob.LocalFileBlobStore;
import dev.cairn.core.content.ContentKind;
import dev.cairn.core.conversion.Cancellation;
import dev.cairn.core.conversion.ConversionLimits;
import dev.cairn.core.conversion.DerivationPolicy;
import dev.cairn.core.conversion.DerivativeKind;
import dev.cairn.core.conversion.Ladder;
import dev.cairn.core.conversion.MediaSource;
import dev.cairn.core.conversion.ProgressListener;
import dev.cairn.core.conversion.Rendition;
import dev.cairn.core.conversion.TranscodeReport;
import dev.cairn.core.encryption.ContentVault;
import dev.cairn.core.encryption.CtrCipher;
import dev.cairn.core.encryption.MasterKey;
import dev.cairn.core.encryption.NewContent;
import dev.cairn.core.encryption.StoredContent;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.port.RandomBytes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stored (encrypted) content in, a stored (encrypted) rendition out, and no plaintext anywhere on disk. */
class EncryptedContentTranscodeTest {
    @TempDir
    Path media;

    @TempDir
    Path node;

    @Test
    void an_encrypted_mp4_becomes_an_encrypted_fast_start_rendition_with_no_plaintext_on_disk() throws Exception {
        byte[] plaintext = TestMedia.mp4(media, "clip.mp4", 640, 360, 15, 3);
        MasterKey master = MasterKey.generate(RandomBytes.secure());
        try (LocalFileBlobStore blobs = LocalFileBlobStore.open(node.resolve("blobs"));
                ScratchSpace scratch = ScratchSpace.open(
                        node.resolve("conversion"), CtrCipher.preferOpenSsl(), RandomBytes.secure())) {
            var vault = new ContentVault(blobs, master, CtrCipher.preferOpenSsl(), RandomBytes.secure());
            StoredContent original = vault.store(new ByteArrayInputStream(plaintext));
            List<Long> opens = new ArrayList<>();
            MediaSource decrypted =
                    MediaSource.decrypting(vault, original.id(), original.wrappedKey(), original.size());
            MediaSource watched = new MediaSource() {
                @Override
                public long size() {
                    return decrypted.size();
                }

                @Override
                public InputStream openAt(long offset) throws IOException {
                    opens.add(offset);
                    return decrypted.openAt(offset);
                }
            };
            var transcoder = new JavaCvTranscoder(scratch, ConversionLimits.defaults());
            var policy = new DerivationPolicy(Ladder.defaults().withPreviewLength(Duration.ofSeconds(1)));
            Rendition preview = policy.plan(
                            ContentKind.VIDEO, "video/mp4", transcoder.probe(watched, new Cancellation()))
                    .find(DerivativeKind.PREVIEW)
                    .orElseThrow();

            StoredContent rendition;
            TranscodeReport report;
            try (NewContent out = vault.create()) {
                report = transcoder.transcode(watched, preview, out, ProgressListener.NONE, new Cancellation());
                rendition = out.commit();
            }

            byte[] stored;
            try (InputStream in = vault.open(rendition.id(), rendition.wrappedKey())) {
                stored = in.readAllBytes();
            }
            Played played = Played.of(stored);
            assertThat(played.fastStart()).isTrue();
            assertThat(played.videoCodec()).isEqualTo("h264");
            assertThat(played.seconds()).isCloseTo(1.0, org.assertj.core.api.Assertions.within(0.2));
            assertThat(report.sizeBytes()).isEqualTo(rendition.size()).isEqualTo(stored.length);
            // The rendition's own id is the BLAKE3 of its ciphertext, like any content's.
            byte[] ciphertext = Files.readAllBytes(
                    blobPath(node.resolve("blobs"), rendition.id().hex()));
            assertThat(ContentId.ofBlob(ciphertext)).isEqualTo(rendition.id());
            // The source's index is at its end: reading it took a jump there, not a pass over the media data.
            assertThat(opens).anyMatch(offset -> offset > plaintext.length / 2);
            assertNoPlaintextUnder(node);
        }
    }

    private static Path blobPath(Path blobs, String id) {
        return blobs.resolve(id.substring(0, 2)).resolve(id);
    }

    /** No file of the node holds an MP4 box name in clear. */
    private static void assertNoPlaintextUnder(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertThat(text).as(file.toString()).doesNotContain("ftyp").doesNotContain("moov");
            }
        }
    }
}
