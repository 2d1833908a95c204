package dev.cairn.adapters.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.encryption.CtrCipher;
import dev.cairn.core.port.RandomBytes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.bytedeco.javacv.Seekable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchFileTest {
    @TempDir
    Path dir;

    static String listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList().toString();
        }
    }

    @Test
    void random_writes_and_seeks_read_back_like_an_array_while_the_disk_holds_only_ciphertext() throws IOException {
        byte[] expected = new byte[300_000];
        Random random = new Random(5);
        try (ScratchSpace space = ScratchSpace.open(dir, CtrCipher.preferOpenSsl(), RandomBytes.secure());
                ScratchFile file = space.create()) {
            OutputStream out = file.writer();
            long position = 0;
            long end = 0;
            for (int i = 0; i < 200; i++) {
                if (random.nextInt(5) == 0 && end > 0) {
                    position = random.nextLong(end);
                    ((Seekable) out).seek(position, 0);
                }
                byte[] chunk = ("mdat moov plaintext " + i)
                        .repeat(1 + random.nextInt(60))
                        .getBytes(StandardCharsets.US_ASCII);
                int n = (int) Math.min(chunk.length, expected.length - position);
                out.write(chunk, 0, n);
                System.arraycopy(chunk, 0, expected, (int) position, n);
                position += n;
                end = Math.max(end, position);
            }
            out.flush();
            byte[] written = Arrays.copyOf(expected, (int) end);

            assertThat(file.size()).isEqualTo(end);
            try (InputStream in = file.openAt(0)) {
                assertThat(in.readAllBytes()).isEqualTo(written);
            }
            try (InputStream in = file.openAt(12_345)) {
                assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(written, 12_345, written.length));
            }
            String onDisk = new String(file.ciphertext(), StandardCharsets.ISO_8859_1);
            assertThat(onDisk).doesNotContain("plaintext").doesNotContain("mdat");
            // Unlinked as soon as it was opened: nothing to find, nothing a crash could leave.
            assertThat(listing(dir)).isEqualTo("[.lock]");
        }
    }

    @Test
    void opening_the_scratch_space_sweeps_leftovers_and_makes_it_private() throws IOException {
        Path space = dir.resolve("conversion");
        Files.createDirectories(space);
        Files.writeString(space.resolve("rendition-123.part"), "left by a crash");

        try (ScratchSpace opened = ScratchSpace.open(space, CtrCipher.preferOpenSsl(), RandomBytes.secure())) {
            assertThat(listing(space)).isEqualTo("[.lock]");
        }
        Path fresh = dir.resolve("fresh");
        try (ScratchSpace opened = ScratchSpace.open(fresh, CtrCipher.preferOpenSsl(), RandomBytes.secure())) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)))
                    .isEqualTo("rwx------");
        }
    }

    @Test
    void a_scratch_space_already_open_is_refused_rather_than_swept() throws IOException {
        try (ScratchSpace first = ScratchSpace.open(dir, CtrCipher.preferOpenSsl(), RandomBytes.secure())) {
            assertThatThrownBy(() -> ScratchSpace.open(dir, CtrCipher.preferOpenSsl(), RandomBytes.secure()))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("in use");
        }
    }
}
