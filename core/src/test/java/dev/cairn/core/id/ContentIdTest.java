package dev.cairn.core.id;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ContentIdTest {

    @Test
    void theEmptyBlobHasBlake3sEmptyHash() throws IOException {
        String empty = "af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262";

        assertThat(ContentId.ofBlob(new byte[0]).hex()).isEqualTo(empty);
        assertThat(ContentId.ofBlob(InputStream.nullInputStream()).hex()).isEqualTo(empty);
    }

    @Test
    void streamingGivesTheSameIdAsHashingInMemory() throws IOException {
        byte[] blob = new byte[200_000];
        new Random(7).nextBytes(blob);

        // A stream that returns short reads, as sockets and pipes do.
        var trickle = new ByteArrayInputStream(blob) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1 + pos % 5000));
            }
        };

        assertThat(ContentId.ofBlob(trickle)).isEqualTo(ContentId.ofBlob(blob));
    }
}
