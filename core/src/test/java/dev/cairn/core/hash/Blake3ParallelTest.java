package dev.cairn.core.hash;

import static dev.cairn.core.hash.Blake3References.HEX;
import static dev.cairn.core.hash.Blake3References.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The multi-threaded helpers give exactly the streaming hasher's result, whatever the size and thread count. */
class Blake3ParallelTest {
    private static final int KIB = 1024;
    private static final int MIB = 1024 * KIB;

    @TempDir
    Path dir;

    static List<Integer> sizes() {
        return List.of(
                0,
                1,
                1025,
                300 * KIB,
                MIB - 1,
                MIB,
                MIB + 1,
                2 * MIB - 1,
                2 * MIB,
                2 * MIB + 1,
                2 * MIB + 1024,
                2 * MIB + 1025,
                3 * MIB,
                3 * MIB + 7,
                4 * MIB + 1,
                5 * MIB + 300 * KIB + 3,
                7 * MIB + 1,
                8 * MIB,
                8 * MIB + 1,
                9 * MIB + 777,
                13 * MIB + 5);
    }

    @ParameterizedTest(name = "{0} bytes")
    @MethodSource("sizes")
    void hashParallelEqualsTheStreamingHashForAnyThreadCount(int size) {
        byte[] input = random(size, size);
        byte[] expected = Blake3.newHasher().update(input).digest();

        for (int threads : new int[] {1, 2, 3, 8}) {
            assertThat(Blake3.hashParallel(input, threads))
                    .as("%d threads", threads)
                    .isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "{0} bytes")
    @MethodSource("sizes")
    void hashFileEqualsTheStreamingHashForAnyThreadCount(int size) throws Exception {
        byte[] input = random(size, size);
        Path file = Files.write(dir.resolve("input.bin"), input);
        byte[] expected = Blake3.newHasher().update(input).digest();

        for (int threads : new int[] {1, 2, 5}) {
            assertThat(Blake3.hashFile(file, threads)).as("%d threads", threads).isEqualTo(expected);
        }
    }

    @Test
    void hashFileAgreesWithB3sumAcrossSeveralWindowsOfSubtrees() throws Exception {
        byte[] input = random(11 * MIB + 4097, 11);
        Path file = Files.write(dir.resolve("input.bin"), input);

        byte[] ours = Blake3Parallel.hashFile(file, 3, 3);

        assertThat(HEX.formatHex(ours))
                .isEqualTo(Blake3References.b3sum(List.of(file)).get(0));
        assertThat(ours).isEqualTo(Blake3.hash(input));
    }

    @Test
    void rejectsFewerThanOneThread() {
        assertThatThrownBy(() -> Blake3.hashParallel(new byte[10], 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0");
        assertThatThrownBy(() -> Blake3.hashFile(dir.resolve("absent"), -2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-2");
    }
}
