package dev.cairn.adapters.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.conversion.Cancellation;
import dev.cairn.core.conversion.ConversionLimits;
import dev.cairn.core.conversion.MediaSource;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SourceStreamTest {
    static final JobGuard OPEN = new JobGuard(ConversionLimits.defaults(), new Cancellation());

    /** A source that counts how often, and where, it is opened. */
    static final class CountingSource implements MediaSource {
        final byte[] bytes;
        final List<Long> opens = new ArrayList<>();

        CountingSource(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public InputStream openAt(long offset) throws IOException {
            opens.add(offset);
            return MediaSource.of(bytes).openAt(offset);
        }
    }

    /**
     * What JavaCV's seek callback does, step for step, against a plain array: reset to the mark and skip, or skip to
     * the end to learn the size; every read must then return the array's bytes at the position.
     */
    @Property(tries = 300)
    void reads_after_any_seeks_return_the_bytes_at_that_position(
            @ForAll @IntRange(min = 0, max = 300_000) int size, @ForAll long seed) throws IOException {
        byte[] bytes = TestMedia.randomBytes(size, seed);
        Random random = new Random(seed);
        try (SourceStream in = new SourceStream(MediaSource.of(bytes), OPEN)) {
            in.mark(Integer.MAX_VALUE);
            long position = 0;
            for (int step = 0; step < 40; step++) {
                switch (random.nextInt(3)) {
                    case 0 -> {
                        long target = size == 0 ? 0 : (long) (random.nextDouble() * (size + 10));
                        in.reset();
                        long skipped = 0;
                        long n;
                        while (skipped < target && (n = in.skip(target - skipped)) > 0) {
                            skipped += n;
                        }
                        position = Math.min(target, size);
                    }
                    case 1 -> {
                        in.reset();
                        long total = 0;
                        long n;
                        while ((n = in.skip(Long.MAX_VALUE)) > 0) {
                            total += n;
                        }
                        assertThat(total).isEqualTo(size);
                        in.reset();
                        in.skip(position);
                    }
                    default -> {
                        byte[] chunk = new byte[1 + random.nextInt(9000)];
                        int n = in.read(chunk);
                        if (position >= size) {
                            assertThat(n).isEqualTo(-1);
                        } else {
                            assertThat(n).isPositive();
                            assertThat(java.util.Arrays.copyOf(chunk, n))
                                    .isEqualTo(java.util.Arrays.copyOfRange(bytes, (int) position, (int) position + n));
                            position += n;
                        }
                    }
                }
                assertThat(in.position()).isEqualTo(position);
            }
        }
    }

    @Test
    void a_seek_reopens_the_source_at_the_target_instead_of_reading_what_lies_before() throws IOException {
        var source = new CountingSource(TestMedia.randomBytes(10_000_000, 1));
        try (SourceStream in = new SourceStream(source, OPEN)) {
            in.mark(0);
            in.read(new byte[4096]);
            // A short step back (headers, probing) is served from the read-ahead: no reopen.
            in.reset();
            in.skip(100);
            in.read(new byte[4096]);
            in.reset();
            in.skip(9_000_000);
            in.read(new byte[4096]);
        }
        assertThat(source.opens).containsExactly(0L, 9_000_000L);
    }

    @Test
    void a_cancelled_job_fails_the_next_read() {
        var cancellation = new Cancellation();
        var in = new SourceStream(
                MediaSource.of(new byte[100]), new JobGuard(ConversionLimits.defaults(), cancellation));
        cancellation.cancel();

        assertThatThrownBy(() -> in.read(new byte[10]))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("cancelled");
    }
}
