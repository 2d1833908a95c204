package dev.cairn.core.hash;

import static dev.cairn.core.hash.Blake3References.HEX;
import static dev.cairn.core.hash.Blake3References.bouncyCastle;
import static dev.cairn.core.hash.Blake3References.pattern;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our hash against two independent implementations, b3sum (the BLAKE3 team's Rust tool, SIMD) and Bouncy Castle, at
 * lengths around every boundary the implementation has: blocks (64), chunks (1 KiB), the smallest run hashed in lanes
 * (20 chunks), full batches of lanes (256 and 512 chunks), the parallel subtree (1 MiB) and powers of two in between.
 */
class Blake3CrossCheckTest {
    private static final int KIB = 1024;
    private static final int MIB = 1024 * KIB;

    @TempDir
    static Path dir;

    private static List<String> b3sumHashes;

    static List<Integer> lengths() {
        return List.of(
                0,
                1,
                2,
                3,
                4,
                7,
                8,
                31,
                32,
                33,
                63,
                64,
                65,
                127,
                128,
                129,
                1023,
                1024,
                1025,
                2047,
                2048,
                2049,
                3072,
                3073,
                4095,
                4096,
                4097,
                5120,
                5121,
                6144,
                6145,
                7168,
                7169,
                8191,
                8192,
                8193,
                11 * KIB + 1,
                12 * KIB,
                12 * KIB + 1,
                13 * KIB + 1,
                15 * KIB,
                16 * KIB - 1,
                16 * KIB,
                16 * KIB + 1,
                17 * KIB + 1,
                19 * KIB + 1,
                20 * KIB,
                20 * KIB + 1,
                21 * KIB + 1,
                31744,
                31745,
                32 * KIB,
                32 * KIB + 1,
                64 * KIB - 1,
                64 * KIB,
                64 * KIB + 1,
                102400,
                128 * KIB + 1,
                256 * KIB - 1,
                256 * KIB,
                256 * KIB + 1,
                257 * KIB + 1,
                300 * KIB + 17,
                511 * KIB + 1,
                512 * KIB - 1,
                512 * KIB,
                512 * KIB + 1,
                513 * KIB + 1,
                MIB - 1,
                MIB,
                MIB + 1,
                2 * MIB + 1025,
                3 * MIB + 7);
    }

    @BeforeAll
    static void hashAllLengthsWithB3sum() throws Exception {
        List<Path> files = new ArrayList<>();
        for (int length : lengths()) {
            files.add(Files.write(dir.resolve(length + ".bin"), pattern(length)));
        }
        b3sumHashes = Blake3References.b3sum(files);
    }

    @Test
    void coversAtLeastFiftyDistinctLengths() {
        assertThat(lengths()).doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(50);
    }

    @ParameterizedTest(name = "{0} bytes")
    @MethodSource("lengths")
    void agreesWithB3sumAndBouncyCastle(int length) {
        byte[] input = pattern(length);
        String b3sum = b3sumHashes.get(lengths().indexOf(length));

        String oneShot = HEX.formatHex(Blake3.hash(input));

        assertThat(oneShot).as("ours vs b3sum").isEqualTo(b3sum);
        assertThat(oneShot).as("ours vs Bouncy Castle").isEqualTo(HEX.formatHex(bouncyCastle(input)));
    }

    @ParameterizedTest(name = "{0} bytes")
    @MethodSource("lengths")
    void agreesWithB3sumWhenStreamedInOddSizedPieces(int length) {
        byte[] input = pattern(length);
        String b3sum = b3sumHashes.get(lengths().indexOf(length));

        for (int piece : IntStream.of(1, 63, 1000, 8191, 70_001).toArray()) {
            if (piece == 1 && length > 64 * KIB) {
                continue; // a byte at a time is covered by the shorter lengths and slow for the longer
            }
            Blake3 hasher = Blake3.newHasher();
            for (int off = 0; off < length; off += piece) {
                hasher.update(input, off, Math.min(piece, length - off));
            }
            assertThat(HEX.formatHex(hasher.digest()))
                    .as("pieces of %d bytes", piece)
                    .isEqualTo(b3sum);
        }
    }
}
