package dev.cairn.adapters.http.upload;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The streaming multipart reader: parts and their bytes whatever the sizes of the underlying reads and of the reads
 * asked of it, so boundaries split across reads at every position are covered; and the bodies it refuses.
 */
class MultipartReaderTest {
    private static final String BOUNDARY = "----cairnBoundary7MA4YWxkTrZu0gW";

    @Test
    void aFormReadsBackAsItsPartsWhateverTheReadSizes() throws IOException {
        byte[] file = nearBoundaryBytes(200_000, 1);
        byte[] body = form(
                "preamble to skip\r\n",
                part("form-data; name=\"title\"", null, "Ünïcode title".getBytes(UTF_8)),
                part("form-data; name=\"file\"; filename=\"song.mp3\"", "audio/mpeg", file),
                "epilogue, never read");

        for (int sourceChunk : new int[] {1, 2, 3, 7, 39, 40, 41, 64 * 1024, Integer.MAX_VALUE}) {
            for (int readSize : new int[] {1, 5, 8192, 100_000}) {
                List<Read> parts = readAll(new MultipartReader(trickle(body, sourceChunk), BOUNDARY), readSize);

                assertThat(parts).hasSize(2);
                assertThat(parts.get(0).part().name()).hasValue("title");
                assertThat(new String(parts.get(0).bytes(), UTF_8)).isEqualTo("Ünïcode title");
                assertThat(parts.get(1).part().name()).hasValue("file");
                assertThat(parts.get(1).part().fileName()).hasValue("song.mp3");
                assertThat(parts.get(1).part().contentType()).hasValue("audio/mpeg");
                assertThat(parts.get(1).bytes())
                        .as("source chunks of %d, reads of %d", sourceChunk, readSize)
                        .isEqualTo(file);
            }
        }
    }

    @Test
    void randomSplitsKeepEveryByte() throws IOException {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            byte[] file = nearBoundaryBytes(random.nextInt(5000), round);
            byte[] body = form("", part("form-data; name=\"file\"", null, file), "");
            InputStream source = new RandomChunks(body, random);

            List<Read> parts = readAll(new MultipartReader(source, BOUNDARY), 1 + random.nextInt(3000));

            assertThat(parts)
                    .singleElement()
                    .satisfies(p -> assertThat(p.bytes()).isEqualTo(file));
        }
    }

    @Test
    void anEmptyPartAndAnEmptyFormAreFine() throws IOException {
        byte[] body = form("", part("form-data; name=\"file\"; filename=\"\"", null, new byte[0]), "");

        List<Read> parts = readAll(new MultipartReader(new ByteArrayInputStream(body), BOUNDARY), 10);

        assertThat(parts).singleElement().satisfies(p -> {
            assertThat(p.bytes()).isEmpty();
            assertThat(p.part().fileName()).hasValue("");
        });
        assertThat(readAll(
                        new MultipartReader(new ByteArrayInputStream(ascii("--" + BOUNDARY + "--\r\n")), BOUNDARY), 10))
                .isEmpty();
    }

    @Test
    void headersMayEndInBareLineFeedsAndDelimitersMayCarryPadding() throws IOException {
        String body =
                "--" + BOUNDARY + " \t\r\ncontent-disposition: form-data; name=a\n\nvalue\r\n--" + BOUNDARY + "--";

        List<Read> parts = readAll(new MultipartReader(new ByteArrayInputStream(ascii(body)), BOUNDARY), 10);

        assertThat(parts).singleElement().satisfies(p -> {
            assertThat(p.part().name()).hasValue("a");
            assertThat(new String(p.bytes(), UTF_8)).isEqualTo("value");
        });
    }

    @Test
    void aPartsBodyEndsOnceTheReaderMovesOn() throws IOException {
        byte[] body = form(
                "",
                part("form-data; name=\"a\"", null, ascii("first part, left unread")),
                part("form-data; name=\"b\"", null, ascii("second")),
                "");
        var reader = new MultipartReader(new ByteArrayInputStream(body), BOUNDARY);

        MultipartReader.Part a = reader.next().orElseThrow();
        MultipartReader.Part b = reader.next().orElseThrow();

        assertThat(a.body().read()).isEqualTo(-1);
        assertThat(new String(b.body().readAllBytes(), UTF_8)).isEqualTo("second");
        assertThat(reader.next()).isEmpty();
    }

    @Test
    void aBodyThatEndsBeforeTheClosingBoundaryIsMalformed() {
        byte[] body = ascii("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nno end");
        var reader = new MultipartReader(new ByteArrayInputStream(body), BOUNDARY);

        assertThatThrownBy(() -> reader.next().orElseThrow().body().readAllBytes())
                .isInstanceOf(MultipartReader.MalformedMultipartException.class)
                .hasMessageContaining("before its closing boundary");
    }

    @Test
    void aBodyWithoutAnyBoundaryIsMalformed() {
        var reader = new MultipartReader(new ByteArrayInputStream(ascii("just some bytes")), BOUNDARY);

        assertThatThrownBy(reader::next).isInstanceOf(MultipartReader.MalformedMultipartException.class);
    }

    @Test
    void headersLongerThanTheLimitAreMalformed() {
        byte[] body =
                ascii("--" + BOUNDARY + "\r\nX-Long: " + "x".repeat(MultipartReader.MAX_HEADER_BYTES) + "\r\n\r\n");
        var reader = new MultipartReader(new ByteArrayInputStream(body), BOUNDARY);

        assertThatThrownBy(reader::next)
                .isInstanceOf(MultipartReader.MalformedMultipartException.class)
                .hasMessageContaining("longer than");
    }

    @Test
    void aDelimiterFollowedByNeitherLineEndNorDashesIsMalformed() {
        byte[] body = ascii("--" + BOUNDARY + "junk\r\n\r\n");
        var reader = new MultipartReader(new ByteArrayInputStream(body), BOUNDARY);

        assertThatThrownBy(reader::next).isInstanceOf(MultipartReader.MalformedMultipartException.class);
    }

    @Test
    void aFailingSourceIsPassedOnAsItIsNotAsMalformed() throws IOException {
        byte[] start = ascii("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nsome bytes");
        InputStream breaking = new java.io.SequenceInputStream(new ByteArrayInputStream(start), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        });
        var part = new MultipartReader(breaking, BOUNDARY).next().orElseThrow();

        assertThatThrownBy(() -> part.body().readAllBytes())
                .isInstanceOf(IOException.class)
                .isNotInstanceOf(MultipartReader.MalformedMultipartException.class)
                .hasMessage("connection reset");
    }

    @Test
    void badBoundariesAreRefused() {
        for (String boundary : new String[] {"", "x".repeat(71), "a\r\nb"}) {
            assertThatThrownBy(() -> new MultipartReader(InputStream.nullInputStream(), boundary))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    private record Read(MultipartReader.Part part, byte[] bytes) {}

    private static List<Read> readAll(MultipartReader reader, int readSize) throws IOException {
        List<Read> parts = new ArrayList<>();
        Optional<MultipartReader.Part> next;
        while ((next = reader.next()).isPresent()) {
            var out = new ByteArrayOutputStream();
            byte[] buffer = new byte[readSize];
            int n;
            while ((n = next.get().body().read(buffer, 0, readSize)) >= 0) {
                out.write(buffer, 0, n);
            }
            parts.add(new Read(next.get(), out.toByteArray()));
        }
        return parts;
    }

    /** A form of the given parts (each already framed by {@link #part}), closed by the close delimiter. */
    private static byte[] form(String preamble, Object... partsAndEpilogue) {
        var out = new ByteArrayOutputStream();
        out.writeBytes(ascii(preamble));
        for (int i = 0; i < partsAndEpilogue.length - 1; i++) {
            out.writeBytes((byte[]) partsAndEpilogue[i]);
        }
        out.writeBytes(ascii("--" + BOUNDARY + "--\r\n" + partsAndEpilogue[partsAndEpilogue.length - 1]));
        return out.toByteArray();
    }

    private static byte[] part(String disposition, String contentType, byte[] bytes) {
        var out = new ByteArrayOutputStream();
        out.writeBytes(ascii("--" + BOUNDARY + "\r\nContent-Disposition: " + disposition + "\r\n"));
        if (contentType != null) {
            out.writeBytes(ascii("Content-Type: " + contentType + "\r\n"));
        }
        out.writeBytes(ascii("\r\n"));
        out.writeBytes(bytes);
        out.writeBytes(ascii("\r\n"));
        return out.toByteArray();
    }

    /** Random bytes sprinkled with what almost is a delimiter: its proper prefixes, and CRLFs and dashes. */
    static byte[] nearBoundaryBytes(int size, long seed) {
        Random random = new Random(seed);
        byte[] delimiter = ascii("\r\n--" + BOUNDARY);
        var out = new ByteArrayOutputStream();
        while (out.size() < size) {
            switch (random.nextInt(4)) {
                case 0 -> {
                    // A proper prefix, then a byte that does not continue it (noise could, by chance).
                    int k = random.nextInt(delimiter.length);
                    out.writeBytes(java.util.Arrays.copyOf(delimiter, k));
                    out.write(delimiter[k] ^ 1);
                }
                case 1 -> out.writeBytes(ascii("\r\n--\r\n-"));
                default -> {
                    byte[] noise = new byte[random.nextInt(100)];
                    random.nextBytes(noise);
                    out.writeBytes(noise);
                }
            }
        }
        return java.util.Arrays.copyOf(out.toByteArray(), size);
    }

    private static InputStream trickle(byte[] bytes, int chunk) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** Hands out the bytes in reads of random sizes, sometimes 1. */
    private static final class RandomChunks extends ByteArrayInputStream {
        private final Random random;

        RandomChunks(byte[] bytes, Random random) {
            super(bytes);
            this.random = random;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, 1 + random.nextInt(random.nextBoolean() ? 3 : 200)));
        }
    }
}
