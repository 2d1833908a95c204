package dev.cairn.core.hash;

import static dev.cairn.core.hash.Blake3Compression.BLOCKS_PER_CHUNK;
import static dev.cairn.core.hash.Blake3Compression.BLOCK_LEN;
import static dev.cairn.core.hash.Blake3Compression.CHUNK_END;
import static dev.cairn.core.hash.Blake3Compression.CHUNK_LEN;
import static dev.cairn.core.hash.Blake3Compression.CHUNK_START;
import static dev.cairn.core.hash.Blake3Compression.CV_LEN;
import static dev.cairn.core.hash.Blake3Compression.PARENT;
import static dev.cairn.core.hash.Blake3Compression.compress;
import static dev.cairn.core.hash.Blake3Compression.iv;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Chaining values of whole BLAKE3 subtrees, computing up to {@link #MAX_LANES} independent compressions side by side.
 *
 * <p>The BLAKE3 paper (its implementation section, on SIMD) gets its speed by compressing several chunks at once, one
 * chunk per SIMD lane, with the state stored transposed: word {@code k} of every lane in one vector. This class does
 * the same in plain Java so that HotSpot's auto-vectorizer (C2 "SuperWord") emits the SIMD instructions (AVX2 or
 * AVX-512 on x86, NEON on ARM); the Vector API would say it more directly but is still an incubator module. Lane {@code
 * i} is one chunk (16 blocks, counter = its chunk index) or one parent node (one block holding two child chaining
 * values). The hasher hands it up to 512 chunks at once ({@link #chunkCvs}), then has each complete subtree among them
 * reduced level by level, all parents of a level again side by side ({@link #reduce}).
 *
 * <p>Performance notes; the figures are single-thread throughput on whole batches of {@link #MAX_LANES} chunks, JDK 25 on a 2-core AMD
 * EPYC with AVX-512, measured on a busy machine, so only their ratios mean much:
 *
 * <ul>
 *   <li>The state lives in one flat array, word {@code k} of lane {@code i} at {@code v[k * MAX_LANES + i]}, and each
 *       G step is a loop over the lanes whose array offsets are compile-time constants: SuperWord only vectorizes a
 *       loop when it can prove its loads and stores independent, which constant offsets allow and variable ones do
 *       not. Hence one method per G position (four columns, four diagonals): one G with the offsets as parameters ran
 *       at 0.3 GB/s (not vectorized), 16 separate state arrays at 1.3 GB/s, this layout at 1.8 GB/s.
 *   <li>Each message word is its own array, so the message permutation between rounds moves 16 array references,
 *       not the words, and a G step takes its two message words as plain array parameters (copying the permuted
 *       words instead cost 10%).
 *   <li>One loop per G step: a whole round in one loop body is too large for SuperWord to unroll and pack and runs
 *       scalar (0.5 GB/s); half a round per loop vectorizes but was 10% slower. For the same reason a loop body of one
 *       whole compression with the state in locals (rounds unrolled, message schedule spelled out) ran scalar at 0.33
 *       GB/s, as did one loop per round with state and message words in one array at constant offsets (0.4 GB/s).
 *   <li>512 lanes (512 KiB of input): each vector loop runs its first and last few lanes in scalar pre- and post-loops
 *       (the pre-loop aligns the state array), a cost per call that more lanes amortize. 512 lanes beat 256 by 10-15%
 *       in same-run comparisons against Bouncy Castle (about 1.7 vs 1.55 GB/s), although the 64 KiB of state and
 *       message words no longer fit in a 32 KiB L1 cache; 1024 lanes were no faster than 512, 128 lanes ran at 1.3
 *       GB/s. Below {@link #MIN_LANES} lanes the scalar {@link Blake3Compression} is faster.
 *   <li>The message words arrive by one transposing pass per block (8-byte little-endian loads split into two words),
 *       the one step that cannot be vectorized: about a third of the time.
 * </ul>
 *
 * <p>An instance owns about 84 KiB of working arrays and is not thread-safe.
 */
final class Blake3Lanes {
    static final int MAX_LANES = 512;

    /**
     * Fewer lanes than this run faster through the scalar compression: the vector loops are then too short (measured:
     * 16 lanes ran at 0.85x the scalar speed, 20 at 1.35x, 64 at 1.7x).
     */
    static final int MIN_LANES = 20;

    private static final int WORDS = 16;
    private static final int[] MESSAGE_PERMUTATION = {2, 6, 3, 10, 7, 0, 4, 13, 1, 11, 12, 5, 9, 14, 15, 8};
    private static final int[] IV = {
        Blake3Compression.IV0,
        Blake3Compression.IV1,
        Blake3Compression.IV2,
        Blake3Compression.IV3,
        Blake3Compression.IV4,
        Blake3Compression.IV5,
        Blake3Compression.IV6,
        Blake3Compression.IV7
    };
    private static final VarHandle WORD = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** The 16-word compression state of every lane, word-major; words 0-7 carry the chaining value between blocks. */
    private final int[] v = new int[WORDS * MAX_LANES];

    /** Message word k of every lane in message[k]; permuted holds the same arrays in the next round's order. */
    private int[][] message = new int[WORDS][MAX_LANES];

    private int[][] permuted = new int[WORDS][];
    private final int[] counterLow = new int[MAX_LANES];
    private final int[] counterHigh = new int[MAX_LANES];

    /** Chaining values, 32 bytes each: of the chunks from {@link #chunkCvs}, then of the levels above them. */
    private final byte[] cvs = new byte[MAX_LANES * CV_LEN];

    /**
     * Writes to {@code out[outOff..+32)} the (non-root) chaining value of the complete subtree of
     * {@code 2^log2Chunks} whole chunks at {@code in[off..)}, whose first chunk has index {@code firstChunk} (a
     * multiple of the subtree's size).
     */
    void subtreeCv(byte[] in, int off, int log2Chunks, long firstChunk, byte[] out, int outOff) {
        int chunks = 1 << log2Chunks;
        if (chunks > MAX_LANES) {
            // Larger than one batch: the two halves are subtrees in their own right.
            byte[] children = new byte[BLOCK_LEN];
            int half = chunks >>> 1;
            subtreeCv(in, off, log2Chunks - 1, firstChunk, children, 0);
            subtreeCv(in, off + half * CHUNK_LEN, log2Chunks - 1, firstChunk + half, children, CV_LEN);
            compress(iv(), 0, children, 0, 1, BLOCK_LEN, 0, PARENT, 0, 0, out, outOff);
            return;
        }
        chunkCvs(in, off, chunks, firstChunk);
        reduce(0, log2Chunks, out, outOff);
    }

    /**
     * Computes the chaining values of {@code n} (at most {@link #MAX_LANES}) whole chunks at {@code in[off..)}, the
     * first with index {@code firstChunk}, none of them the root, into positions {@code 0..n-1} of this instance's
     * buffer for {@link #reduce}.
     */
    void chunkCvs(byte[] in, int off, int n, long firstChunk) {
        if (n < 0 || n > MAX_LANES) {
            throw new IllegalArgumentException("chunk count must be in [0, " + MAX_LANES + "]: " + n);
        }
        if (n >= MIN_LANES) {
            compressLanes(in, off, CHUNK_LEN, n, BLOCKS_PER_CHUNK, firstChunk, 1, 0, CHUNK_START, CHUNK_END, 0);
            return;
        }
        for (int i = 0; i < n; i++) {
            compress(
                    iv(),
                    0,
                    in,
                    off + i * CHUNK_LEN,
                    BLOCKS_PER_CHUNK,
                    BLOCK_LEN,
                    firstChunk + i,
                    0,
                    CHUNK_START,
                    CHUNK_END,
                    cvs,
                    i * CV_LEN);
        }
    }

    /**
     * Writes to {@code out[outOff..+32)} the chaining value of the complete subtree whose {@code 2^log2} leaves are
     * at buffer positions {@code first..}, overwriting them.
     */
    void reduce(int first, int log2, byte[] out, int outOff) {
        int base = first * CV_LEN;
        // Level by level, in place: parent j reads children 2j and 2j+1 (bytes 64j..64j+64 past the base) and writes
        // slot j, which no parent to its right still needs. The lanes read all their input before writing.
        for (int parents = (1 << log2) >>> 1; parents > 0; parents >>>= 1) {
            if (parents >= MIN_LANES) {
                compressLanes(cvs, base, BLOCK_LEN, parents, 1, 0, 0, PARENT, 0, 0, base);
            } else {
                for (int j = 0; j < parents; j++) {
                    int left = base + j * BLOCK_LEN;
                    compress(iv(), 0, cvs, left, 1, BLOCK_LEN, 0, PARENT, 0, 0, cvs, base + j * CV_LEN);
                }
            }
        }
        System.arraycopy(cvs, base, out, outOff, CV_LEN);
    }

    /**
     * Compresses {@code n} independent inputs of {@code blocks} 64-byte blocks each, input {@code i} starting at
     * {@code in[off + i * stride]} with counter {@code firstCounter + i * counterStep}, chaining from the IV, and
     * writes their chaining values to {@link #cvs} from byte {@code outOff}. Flags as in
     * {@link Blake3Compression#compress}.
     */
    private void compressLanes(
            byte[] in,
            int off,
            int stride,
            int n,
            int blocks,
            long firstCounter,
            int counterStep,
            int flags,
            int firstFlags,
            int lastFlags,
            int outOff) {
        for (int k = 0; k < 8; k++) {
            Arrays.fill(v, k * MAX_LANES, k * MAX_LANES + n, IV[k]);
        }
        for (int i = 0; i < n; i++) {
            long counter = firstCounter + (long) i * counterStep;
            counterLow[i] = (int) counter;
            counterHigh[i] = (int) (counter >>> 32);
        }
        for (int block = 0; block < blocks; block++) {
            int blockFlags = flags | (block == 0 ? firstFlags : 0) | (block == blocks - 1 ? lastFlags : 0);
            loadMessage(in, off + block * BLOCK_LEN, stride, n);
            startState(blockFlags, n);
            int[] v = this.v;
            for (int round = 0; round < 7; round++) {
                int[][] w = message;
                g0(v, w[0], w[1], n);
                g1(v, w[2], w[3], n);
                g2(v, w[4], w[5], n);
                g3(v, w[6], w[7], n);
                g4(v, w[8], w[9], n);
                g5(v, w[10], w[11], n);
                g6(v, w[12], w[13], n);
                g7(v, w[14], w[15], n);
                if (round < 6) {
                    permuteMessage();
                }
            }
            finishState(n);
        }
        storeChainingValues(n, outOff);
    }

    /**
     * Transposes block words into {@link #message}: word k of the block at {@code in[off + i * stride]} goes to
     * {@code message[k][i]}. Performance: one 8-byte little-endian load yields two words, halving loads and bounds
     * checks.
     */
    private void loadMessage(byte[] in, int off, int stride, int n) {
        int[][] w = message;
        int[] m0 = w[0], m1 = w[1], m2 = w[2], m3 = w[3], m4 = w[4], m5 = w[5], m6 = w[6], m7 = w[7];
        int[] m8 = w[8], m9 = w[9], m10 = w[10], m11 = w[11], m12 = w[12], m13 = w[13], m14 = w[14], m15 = w[15];
        for (int i = 0, p = off; i < n; i++, p += stride) {
            long w0 = (long) LONG.get(in, p + 0);
            m0[i] = (int) w0;
            m1[i] = (int) (w0 >>> 32);
            long w1 = (long) LONG.get(in, p + 8);
            m2[i] = (int) w1;
            m3[i] = (int) (w1 >>> 32);
            long w2 = (long) LONG.get(in, p + 16);
            m4[i] = (int) w2;
            m5[i] = (int) (w2 >>> 32);
            long w3 = (long) LONG.get(in, p + 24);
            m6[i] = (int) w3;
            m7[i] = (int) (w3 >>> 32);
            long w4 = (long) LONG.get(in, p + 32);
            m8[i] = (int) w4;
            m9[i] = (int) (w4 >>> 32);
            long w5 = (long) LONG.get(in, p + 40);
            m10[i] = (int) w5;
            m11[i] = (int) (w5 >>> 32);
            long w6 = (long) LONG.get(in, p + 48);
            m12[i] = (int) w6;
            m13[i] = (int) (w6 >>> 32);
            long w7 = (long) LONG.get(in, p + 56);
            m14[i] = (int) w7;
            m15[i] = (int) (w7 >>> 32);
        }
    }

    /** Words 8-15 of every lane before round 1 (words 0-7 hold its chaining value): IV, counter, length, flags. */
    private void startState(int blockFlags, int n) {
        int[] v = this.v;
        for (int i = 0; i < n; i++) {
            v[8 * MAX_LANES + i] = Blake3Compression.IV0;
            v[9 * MAX_LANES + i] = Blake3Compression.IV1;
            v[10 * MAX_LANES + i] = Blake3Compression.IV2;
            v[11 * MAX_LANES + i] = Blake3Compression.IV3;
            v[12 * MAX_LANES + i] = counterLow[i];
            v[13 * MAX_LANES + i] = counterHigh[i];
            v[14 * MAX_LANES + i] = BLOCK_LEN;
            v[15 * MAX_LANES + i] = blockFlags;
        }
    }

    /** The new chaining value of every lane, left in words 0-7: {@code v[k] ^= v[k + 8]}. */
    private void finishState(int n) {
        int[] v = this.v;
        for (int i = 0; i < n; i++) {
            v[0 * MAX_LANES + i] ^= v[8 * MAX_LANES + i];
            v[1 * MAX_LANES + i] ^= v[9 * MAX_LANES + i];
            v[2 * MAX_LANES + i] ^= v[10 * MAX_LANES + i];
            v[3 * MAX_LANES + i] ^= v[11 * MAX_LANES + i];
            v[4 * MAX_LANES + i] ^= v[12 * MAX_LANES + i];
            v[5 * MAX_LANES + i] ^= v[13 * MAX_LANES + i];
            v[6 * MAX_LANES + i] ^= v[14 * MAX_LANES + i];
            v[7 * MAX_LANES + i] ^= v[15 * MAX_LANES + i];
        }
    }

    private void storeChainingValues(int n, int outOff) {
        for (int i = 0; i < n; i++) {
            int p = outOff + i * CV_LEN;
            WORD.set(cvs, p + 0, v[0 * MAX_LANES + i]);
            WORD.set(cvs, p + 4, v[1 * MAX_LANES + i]);
            WORD.set(cvs, p + 8, v[2 * MAX_LANES + i]);
            WORD.set(cvs, p + 12, v[3 * MAX_LANES + i]);
            WORD.set(cvs, p + 16, v[4 * MAX_LANES + i]);
            WORD.set(cvs, p + 20, v[5 * MAX_LANES + i]);
            WORD.set(cvs, p + 24, v[6 * MAX_LANES + i]);
            WORD.set(cvs, p + 28, v[7 * MAX_LANES + i]);
        }
    }

    /** The spec's message permutation, applied to the references of the word arrays. */
    private void permuteMessage() {
        for (int k = 0; k < WORDS; k++) {
            permuted[k] = message[MESSAGE_PERMUTATION[k]];
        }
        int[][] swap = message;
        message = permuted;
        permuted = swap;
    }

    /** G on the column of state words 0, 4, 8, 12 in every lane, mixing in message words x and y. */
    private static void g0(int[] v, int[] x, int[] y, int n) {
        for (int i = 0; i < n; i++) {
            int a = v[0 * MAX_LANES + i];
            int b = v[4 * MAX_LANES + i];
            int c = v[8 * MAX_LANES + i];
            int d = v[12 * MAX_LANES + i];
            a += b + x[i];
            d = Integer.rotateRight(d ^ a, 16);
            c += d;
            b = Integer.rotateRight(b ^ c, 12);
            a += b + y[i];
            d = Integer.rotateRight(d ^ a, 8);
            c += d;
            b = Integer.rotateRight(b ^ c, 7);
            v[0 * MAX_LANES + i] = a;
            v[4 * MAX_LANES + i] = b;
            v[8 * MAX_LANES + i] = c;
            v[12 * MAX_LANES + i] = d;
        }
    }

    /** G on the column of state words 1, 5, 9, 13 in every lane, mixing in message words x and y. */
    private static void g1(int[] v, int[] x, int[] y, int n) {
        for (int i = 0; i < n; i++) {
            int a = v[1 * MAX_LANES + i];
            int b = v[5 * MAX_LANES + i];
            int c = v[9 * MAX_LANES + i];
            int d = v[13 * MAX_LANES + i];
            a += b + x[i];
            d = Integer.rotateRight(d ^ a, 16);
            c += d;
            b = Integer.rotateRight(b ^ c, 12);
            a += b + y[i];
            d = Integer.rotateRight(d ^ a, 8);
            c += d;
            b = Integer.rotateRight(b ^ c, 7);
            v[1 * MAX_LANES + i] = a;
            v[5 * MAX_LANES + i] = b;
            v[9 * MAX_LANES + i] = c;
            v[13 * MAX_LANES + i] = d;
        }
    }

    /** G on the column of state words 2, 6, 10, 14 in every lane, mixing in message words x and y. */
    private static void g2(int[] v, int[] x, int[] y, int n) {
        for (int i = 0; i < n; i++) {
            int a = v[2 * MAX_LANES + i];
            int b = v[6 * MAX_LANES + i];
            int c = v[10 * MAX_LANES + i];
            int d = v[14 * MAX_LANES + i];
            a += b + x[i];
            d = Integer.rotateRight(d ^ a, 16);
            c += d;
            b = Integer.rotateRight(b ^ c, 12);
            a += b + y[i];
            d = Integer.rotateRight(d ^ a, 8);
            c += d;
            b = Integer.rotateRight(b ^ c, 7);
            v[2 * MAX_LANES + i] = a;
            v[6 * MAX_LANES + i] = b;
            v[10 * MAX_LANES + i] = c;
            v[14 * MAX_LANES + i] = d;
        }
    }

    /** G on the column of state words 3, 7, 11, 15 in every lane, mixing in message words x and y. */
    private static void g3(int[] v, int[] x, int[] y, int n) {
        for (int i = 0; i < n; i++) {
            int a = v[3 * MAX_LANES + i];
            int b = v[7 * MAX_LANES + i];
            int c = v[11 * MAX_LANES + i];
            int d = v[15 * MAX_LANES + i];
            a += b + x[i];
            d = Integer.rotateRight(d ^ a, 16);
            c += d;
            b = Integer.rotateRight(b ^ c, 12);
            a += b + y[i];
            d = Integer.rotateRight(d ^ a, 8);
            c += d;
            b = Integer.rotateRight(b ^ c, 7);
            v[3 * MAX_LANES + i] = a;
            v[7 * MAX_LANES + i] = b;
            v[11 * MAX_LANES + i] = c;
            v[15 * MAX_LANES + i] = d;
        }
    }

    /** G on the diagonal of state words 0, 5, 10, 15 in every lane, mixing in message words x and y. */
    private static void g4(int[] v, int[] x, int[] y, int n) {
        for (int i = 0; i < n; i++) {
            int a = v[0 * MAX_LANES + i];
            int b = v[5 * MAX_LANES + i];
            int c = v[10 * MAX_LANES + i];
            int d = v[15 * MAX_LANES + i];
            a += b + x[i];
            d = Integer.rotateRight(d ^ a, 16);
            c += d;
            b = Integer.rotateRight(b ^ c, 12);
            a += b + y[i];
            d = Integer.rotateRight(d ^ a, 8);
            c += d;
            b = Integer.rotateRight(b ^ c, 7);
            v[0 * MAX_LANES + i] = a;
            v[5 * MAX_LANES + i] = b;
            v[10 * MAX_LANES + i] = c;
            v[15 * MAX_LANES + i] = d;
        }
    }

    /** G on the diagonal of state words 1, 6, 11, 12 in every lane, mixing in message words x and y. */
    private static void g5(int[] v, int[] x, int[] y, int n) {
        for (int i = 0; i < n; i++) {
            int a = v[1 * MAX_LANES + i];
            int b = v[6 * MAX_LANES + i];
            int c = v[11 * MAX_LANES + i];
            int d = v[12 * MAX_LANES + i];
            a += b + x[i];
            d = Integer.rotateRight(d ^ a, 16);
            c += d;
            b = Integer.rotateRight(b ^ c, 12);
            a += b + y[i];
            d = Integer.rotateRight(d ^ a, 8);
            c += d;
            b = Integer.rotateRight(b ^ c, 7);
            v[1 * MAX_LANES + i] = a;
            v[6 * MAX_LANES + i] = b;
            v[11 * MAX_LANES + i] = c;
            v[12 * MAX_LANES + i] = d;
        }
    }

    /** G on the diagonal of state words 2, 7, 8, 13 in every lane, mixing in message words x and y. */
    private static void g6(int[] v, int[] x, int[] y, int n) {
        for (int i = 0; i < n; i++) {
            int a = v[2 * MAX_LANES + i];
            int b = v[7 * MAX_LANES + i];
            int c = v[8 * MAX_LANES + i];
            int d = v[13 * MAX_LANES + i];
            a += b + x[i];
            d = Integer.rotateRight(d ^ a, 16);
            c += d;
            b = Integer.rotateRight(b ^ c, 12);
            a += b + y[i];
            d = Integer.rotateRight(d ^ a, 8);
            c += d;
            b = Integer.rotateRight(b ^ c, 7);
            v[2 * MAX_LANES + i] = a;
            v[7 * MAX_LANES + i] = b;
            v[8 * MAX_LANES + i] = c;
            v[13 * MAX_LANES + i] = d;
        }
    }

    /** G on the diagonal of state words 3, 4, 9, 14 in every lane, mixing in message words x and y. */
    private static void g7(int[] v, int[] x, int[] y, int n) {
        for (int i = 0; i < n; i++) {
            int a = v[3 * MAX_LANES + i];
            int b = v[4 * MAX_LANES + i];
            int c = v[9 * MAX_LANES + i];
            int d = v[14 * MAX_LANES + i];
            a += b + x[i];
            d = Integer.rotateRight(d ^ a, 16);
            c += d;
            b = Integer.rotateRight(b ^ c, 12);
            a += b + y[i];
            d = Integer.rotateRight(d ^ a, 8);
            c += d;
            b = Integer.rotateRight(b ^ c, 7);
            v[3 * MAX_LANES + i] = a;
            v[4 * MAX_LANES + i] = b;
            v[9 * MAX_LANES + i] = c;
            v[14 * MAX_LANES + i] = d;
        }
    }
}
