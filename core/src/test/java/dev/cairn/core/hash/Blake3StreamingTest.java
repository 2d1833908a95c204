package dev.cairn.core.hash;

import static dev.cairn.core.hash.Blake3References.bouncyCastle;
import static dev.cairn.core.hash.Blake3References.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.constraints.IntRange;

/** The incremental hasher: how the input is cut, where it comes from and when the hash is read never matter. */
class Blake3StreamingTest {
    private static final int KIB = 1024;

    @Property(tries = 1000)
    void anySplitOfAShortInputIntoUpdatesGivesTheOneShotHash(
            @ForAll @IntRange(max = 5 * KIB) int length,
            @ForAll long seed,
            @ForAll("smallPieces") List<Integer> pieces) {
        byte[] input = random(length, seed);

        byte[] streamed = hashInPieces(input, pieces);

        assertThat(streamed).isEqualTo(Blake3.hash(input)).isEqualTo(bouncyCastle(input));
    }

    @Property(tries = 1000)
    void anySplitOfALongInputIntoUpdatesGivesTheOneShotHash(
            @ForAll("longLengths") int length, @ForAll long seed, @ForAll("largePieces") List<Integer> pieces) {
        // Long enough to fill and flush the 256 KiB staging buffer and to reach the lanes at any chunk alignment.
        byte[] input = random(length, seed);

        byte[] streamed = hashInPieces(input, pieces);

        assertThat(streamed).isEqualTo(Blake3.hash(input)).isEqualTo(bouncyCastle(input));
    }

    @Property(tries = 1000)
    void readingTheHashMidStreamNeitherChangesItNorTheFinalHash(
            @ForAll("longLengths") int length,
            @ForAll long seed,
            @ForAll("longLengths") int cut,
            @ForAll("largePieces") List<Integer> pieces) {
        byte[] input = random(length, seed);
        int at = Math.min(cut, length);
        Blake3 hasher = Blake3.newHasher().update(input, 0, at);

        byte[] midway = hasher.digest();
        byte[] again = hasher.digest();
        feedInPieces(hasher, Arrays.copyOfRange(input, at, length), pieces);

        assertThat(midway).isEqualTo(again).isEqualTo(bouncyCastle(Arrays.copyOf(input, at)));
        assertThat(hasher.digest()).isEqualTo(Blake3.hash(input));
    }

    @Property(tries = 1000)
    void heapDirectAndReadOnlyBuffersHashLikeTheArray(
            @ForAll @IntRange(max = 40 * KIB) int length, @ForAll long seed, @ForAll @IntRange(max = 100) int skip) {
        byte[] input = random(length, seed);
        byte[] expected = Blake3.hash(input);
        // A heap buffer whose content starts inside its array, so the array offset matters.
        byte[] padded = new byte[skip + length];
        System.arraycopy(input, 0, padded, skip, length);
        ByteBuffer heap = ByteBuffer.wrap(padded).position(skip).slice();
        ByteBuffer direct = ByteBuffer.allocateDirect(length).put(input).flip();
        ByteBuffer readOnly = ByteBuffer.wrap(input).asReadOnlyBuffer();

        for (ByteBuffer buffer : List.of(heap, direct, readOnly)) {
            assertThat(Blake3.newHasher().update(buffer).digest()).isEqualTo(expected);
            assertThat(buffer.hasRemaining()).isFalse();
        }
    }

    @Example
    void buffersAndArraysMixInOneStream() {
        byte[] input = random(600 * KIB, 7);
        Blake3 hasher = Blake3.newHasher();

        hasher.update(ByteBuffer.wrap(input, 0, 1000));
        hasher.update(input, 1000, 300 * KIB);
        hasher.update(ByteBuffer.allocateDirect(input.length).put(input).flip().position(1000 + 300 * KIB));

        assertThat(hasher.digest()).isEqualTo(Blake3.hash(input));
    }

    @Example
    void resetForgetsEverythingHashedBefore() {
        Blake3 hasher = Blake3.newHasher().update(random(300 * KIB, 1));
        hasher.digest();

        hasher.reset();

        assertThat(hasher.digest()).isEqualTo(Blake3.hash(new byte[0]));
        byte[] next = random(5000, 2);
        assertThat(hasher.update(next).digest()).isEqualTo(Blake3.hash(next));
    }

    @Example
    void digestWritesTheHashAtTheGivenOffset() {
        byte[] input = random(3000, 3);
        byte[] out = new byte[40];
        Arrays.fill(out, (byte) 0x55);

        Blake3.newHasher().update(input).digest(out, 5);

        assertThat(Arrays.copyOfRange(out, 5, 37)).isEqualTo(Blake3.hash(input));
        assertThat(out[4]).isEqualTo((byte) 0x55);
        assertThat(out[37]).isEqualTo((byte) 0x55);
    }

    @Example
    void rejectsRangesOutsideTheArrays() {
        Blake3 hasher = Blake3.newHasher();

        assertThatThrownBy(() -> hasher.update(new byte[10], 5, 6)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> hasher.update(new byte[10], -1, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> hasher.digest(new byte[40], 9)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(hasher.digest()).isEqualTo(Blake3.hash(new byte[0]));
    }

    @Provide
    Arbitrary<Integer> longLengths() {
        // Uniform, not jqwik's default bias towards small numbers, so most tries really are long.
        return Arbitraries.integers().between(0, 700 * KIB).withDistribution(RandomDistribution.uniform());
    }

    @Provide
    Arbitrary<List<Integer>> smallPieces() {
        // Piece sizes around block and chunk sizes, zero-length updates included.
        return Arbitraries.oneOf(
                        Arbitraries.integers().between(0, 130),
                        Arbitraries.integers().between(0, 2100),
                        Arbitraries.of(0, 1, 63, 64, 65, 1023, 1024, 1025))
                .list()
                .ofMaxSize(12);
    }

    @Provide
    Arbitrary<List<Integer>> largePieces() {
        return Arbitraries.oneOf(
                        Arbitraries.integers().between(0, 3000),
                        Arbitraries.integers().between(0, 300 * KIB),
                        Arbitraries.of(0, 1, 1024, 1025, 16 * KIB, 256 * KIB, 256 * KIB + 1))
                .list()
                .ofMaxSize(8);
    }

    private static byte[] hashInPieces(byte[] input, List<Integer> pieces) {
        Blake3 hasher = Blake3.newHasher();
        feedInPieces(hasher, input, pieces);
        return hasher.digest();
    }

    /** Feeds the input in the given piece sizes (cut short at its end), then whatever is left in one update. */
    private static void feedInPieces(Blake3 hasher, byte[] input, List<Integer> pieces) {
        int off = 0;
        for (int piece : pieces) {
            int n = Math.min(piece, input.length - off);
            hasher.update(input, off, n);
            off += n;
        }
        hasher.update(input, off, input.length - off);
    }
}
