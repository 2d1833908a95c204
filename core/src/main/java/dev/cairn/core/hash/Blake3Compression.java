package dev.cairn.core.hash;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The BLAKE3 compression function, run over the consecutive blocks of one chunk (or over one parent node).
 *
 * <p>BLAKE3 (O'Connor, Aumasson, Neves, Wilcox-O'Hearn, "BLAKE3: one function, fast everywhere", 2020; see its
 * specification section) compresses a 64-byte block {@code m} into an 8-word chaining value {@code h}: a 16-word state
 * {@code v} starts as {@code h}, the first four words of the IV (SHA-256's IV), the 64-bit counter, the block length
 * and the domain flags; seven rounds each apply the mixing function G to the four columns and then the four diagonals
 * of {@code v} as a 4x4 matrix, and between rounds the message words are permuted by {@code [2, 6, 3, 10, 7, 0, 4, 13,
 * 1, 11, 12, 5, 9, 14, 15, 8]}. The new chaining value is {@code v[i] ^ v[i + 8]} for {@code i < 8}. A chunk (1024
 * bytes) is 16 blocks chained through {@code h}; the flags mark its first and last block; a parent node is one block
 * holding two child chaining values.
 *
 * <p>Chaining values are passed as 32 little-endian bytes (the spec's byte order), so one routine serves chunks, parent
 * nodes (whose message is two adjacent chaining values on the hasher's stack) and the root output (whose first 32
 * bytes are exactly the hash). This scalar routine handles short inputs, the chunk holding the end of the input and
 * the parent nodes near the root; runs of 20 or more chunks go to {@link Blake3Lanes}.
 */
final class Blake3Compression {
    static final int BLOCK_LEN = 64;
    static final int CHUNK_LEN = 1024;
    static final int BLOCKS_PER_CHUNK = CHUNK_LEN / BLOCK_LEN;
    static final int CV_LEN = 32;
    private static final int ROUNDS = 7;

    /** The spec's domain flags (the keyed-hash and derive-key flags are not used by the hash mode). */
    static final int CHUNK_START = 1;

    static final int CHUNK_END = 1 << 1;
    static final int PARENT = 1 << 2;
    static final int ROOT = 1 << 3;

    // The IV: the first 32 bits of the fractional parts of the square roots of the first 8 primes (SHA-256's IV).
    static final int IV0 = 0x6A09E667;
    static final int IV1 = 0xBB67AE85;
    static final int IV2 = 0x3C6EF372;
    static final int IV3 = 0xA54FF53A;
    static final int IV4 = 0x510E527F;
    static final int IV5 = 0x9B05688C;
    static final int IV6 = 0x1F83D9AB;
    static final int IV7 = 0x5BE0CD19;

    /**
     * A little-endian int view of a byte array. Performance: reads a message word with one unaligned 32-bit load
     * straight from the caller's array (x86 and ARM are little-endian, so no byte swap), instead of assembling four
     * bytes with shifts or copying the block into an int array first.
     */
    private static final VarHandle WORD = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    /** The IV as a chaining value: the key of the unkeyed hash mode, and every chunk's starting value. */
    private static final byte[] IV_BYTES = new byte[CV_LEN];

    static {
        int[] iv = {IV0, IV1, IV2, IV3, IV4, IV5, IV6, IV7};
        for (int i = 0; i < iv.length; i++) {
            WORD.set(IV_BYTES, 4 * i, iv[i]);
        }
    }

    private Blake3Compression() {}

    /** The IV as 32 little-endian bytes; callers must not modify it. */
    static byte[] iv() {
        return IV_BYTES;
    }

    /**
     * Compresses {@code blocks} consecutive 64-byte blocks of {@code in} starting at {@code off}, chained from the
     * chaining value at {@code cv[cvOff..cvOff+32)}, and writes the final chaining value to {@code out[outOff..+32)}
     * (which may overlap the input block or {@code cv}: everything is read before the first write).
     *
     * @param counter the chunk counter (the same for all blocks of a chunk; 0 for parent nodes)
     * @param lastLen byte length of the last block (the bytes after it, up to 64, must be zero); the others are full
     * @param flags flags of every block
     * @param firstFlags extra flags of the first block (CHUNK_START, or 0 when the chunk began in an earlier call)
     * @param lastFlags extra flags of the last block (CHUNK_END and ROOT, or 0 when the chunk goes on)
     */
    static void compress(
            byte[] cv,
            int cvOff,
            byte[] in,
            int off,
            int blocks,
            int lastLen,
            long counter,
            int flags,
            int firstFlags,
            int lastFlags,
            byte[] out,
            int outOff) {
        // Performance: the chaining value and the 16 state words live in local ints (registers or stack slots the JIT
        // allocates), never in an array, so the rounds compile to plain add/xor/rotate instructions.
        int h0 = (int) WORD.get(cv, cvOff);
        int h1 = (int) WORD.get(cv, cvOff + 4);
        int h2 = (int) WORD.get(cv, cvOff + 8);
        int h3 = (int) WORD.get(cv, cvOff + 12);
        int h4 = (int) WORD.get(cv, cvOff + 16);
        int h5 = (int) WORD.get(cv, cvOff + 20);
        int h6 = (int) WORD.get(cv, cvOff + 24);
        int h7 = (int) WORD.get(cv, cvOff + 28);
        int counterLow = (int) counter;
        int counterHigh = (int) (counter >>> 32);
        for (int block = 0; block < blocks; block++, off += BLOCK_LEN) {
            boolean last = block == blocks - 1;
            int blockFlags = flags | (block == 0 ? firstFlags : 0) | (last ? lastFlags : 0);
            int m0 = (int) WORD.get(in, off);
            int m1 = (int) WORD.get(in, off + 4);
            int m2 = (int) WORD.get(in, off + 8);
            int m3 = (int) WORD.get(in, off + 12);
            int m4 = (int) WORD.get(in, off + 16);
            int m5 = (int) WORD.get(in, off + 20);
            int m6 = (int) WORD.get(in, off + 24);
            int m7 = (int) WORD.get(in, off + 28);
            int m8 = (int) WORD.get(in, off + 32);
            int m9 = (int) WORD.get(in, off + 36);
            int m10 = (int) WORD.get(in, off + 40);
            int m11 = (int) WORD.get(in, off + 44);
            int m12 = (int) WORD.get(in, off + 48);
            int m13 = (int) WORD.get(in, off + 52);
            int m14 = (int) WORD.get(in, off + 56);
            int m15 = (int) WORD.get(in, off + 60);
            int v0 = h0;
            int v1 = h1;
            int v2 = h2;
            int v3 = h3;
            int v4 = h4;
            int v5 = h5;
            int v6 = h6;
            int v7 = h7;
            int v8 = IV0;
            int v9 = IV1;
            int v10 = IV2;
            int v11 = IV3;
            int v12 = counterLow;
            int v13 = counterHigh;
            int v14 = last ? lastLen : BLOCK_LEN;
            int v15 = blockFlags;
            // Performance: one round per loop iteration, the permutation done by moving message words between locals.
            // Fully unrolling the seven rounds with the permuted words spelled out (the textbook trick) measured 35%
            // slower here: C2 allocates registers and schedules the 900-statement body far worse than this one.
            for (int round = 0; round < ROUNDS; round++) {
                // G(0, 4, 8, 12, m0, m1): a column.
                v0 += v4 + m0;
                v12 = Integer.rotateRight(v12 ^ v0, 16);
                v8 += v12;
                v4 = Integer.rotateRight(v4 ^ v8, 12);
                v0 += v4 + m1;
                v12 = Integer.rotateRight(v12 ^ v0, 8);
                v8 += v12;
                v4 = Integer.rotateRight(v4 ^ v8, 7);
                // G(1, 5, 9, 13, m2, m3): a column.
                v1 += v5 + m2;
                v13 = Integer.rotateRight(v13 ^ v1, 16);
                v9 += v13;
                v5 = Integer.rotateRight(v5 ^ v9, 12);
                v1 += v5 + m3;
                v13 = Integer.rotateRight(v13 ^ v1, 8);
                v9 += v13;
                v5 = Integer.rotateRight(v5 ^ v9, 7);
                // G(2, 6, 10, 14, m4, m5): a column.
                v2 += v6 + m4;
                v14 = Integer.rotateRight(v14 ^ v2, 16);
                v10 += v14;
                v6 = Integer.rotateRight(v6 ^ v10, 12);
                v2 += v6 + m5;
                v14 = Integer.rotateRight(v14 ^ v2, 8);
                v10 += v14;
                v6 = Integer.rotateRight(v6 ^ v10, 7);
                // G(3, 7, 11, 15, m6, m7): a column.
                v3 += v7 + m6;
                v15 = Integer.rotateRight(v15 ^ v3, 16);
                v11 += v15;
                v7 = Integer.rotateRight(v7 ^ v11, 12);
                v3 += v7 + m7;
                v15 = Integer.rotateRight(v15 ^ v3, 8);
                v11 += v15;
                v7 = Integer.rotateRight(v7 ^ v11, 7);
                // G(0, 5, 10, 15, m8, m9): a diagonal.
                v0 += v5 + m8;
                v15 = Integer.rotateRight(v15 ^ v0, 16);
                v10 += v15;
                v5 = Integer.rotateRight(v5 ^ v10, 12);
                v0 += v5 + m9;
                v15 = Integer.rotateRight(v15 ^ v0, 8);
                v10 += v15;
                v5 = Integer.rotateRight(v5 ^ v10, 7);
                // G(1, 6, 11, 12, m10, m11): a diagonal.
                v1 += v6 + m10;
                v12 = Integer.rotateRight(v12 ^ v1, 16);
                v11 += v12;
                v6 = Integer.rotateRight(v6 ^ v11, 12);
                v1 += v6 + m11;
                v12 = Integer.rotateRight(v12 ^ v1, 8);
                v11 += v12;
                v6 = Integer.rotateRight(v6 ^ v11, 7);
                // G(2, 7, 8, 13, m12, m13): a diagonal.
                v2 += v7 + m12;
                v13 = Integer.rotateRight(v13 ^ v2, 16);
                v8 += v13;
                v7 = Integer.rotateRight(v7 ^ v8, 12);
                v2 += v7 + m13;
                v13 = Integer.rotateRight(v13 ^ v2, 8);
                v8 += v13;
                v7 = Integer.rotateRight(v7 ^ v8, 7);
                // G(3, 4, 9, 14, m14, m15): a diagonal.
                v3 += v4 + m14;
                v14 = Integer.rotateRight(v14 ^ v3, 16);
                v9 += v14;
                v4 = Integer.rotateRight(v4 ^ v9, 12);
                v3 += v4 + m15;
                v14 = Integer.rotateRight(v14 ^ v3, 8);
                v9 += v14;
                v4 = Integer.rotateRight(v4 ^ v9, 7);
                if (round < ROUNDS - 1) {
                    // The permutation in the class comment (word i takes word P[i]) walked as its two 8-cycles; moves
                    // between
                    // locals, which the register allocator largely turns into renames.
                    int t0 = m0;
                    m0 = m2;
                    m2 = m3;
                    m3 = m10;
                    m10 = m12;
                    m12 = m9;
                    m9 = m11;
                    m11 = m5;
                    m5 = t0;
                    int t1 = m1;
                    m1 = m6;
                    m6 = m4;
                    m4 = m7;
                    m7 = m13;
                    m13 = m14;
                    m14 = m15;
                    m15 = m8;
                    m8 = t1;
                }
            }
            h0 = v0 ^ v8;
            h1 = v1 ^ v9;
            h2 = v2 ^ v10;
            h3 = v3 ^ v11;
            h4 = v4 ^ v12;
            h5 = v5 ^ v13;
            h6 = v6 ^ v14;
            h7 = v7 ^ v15;
        }
        WORD.set(out, outOff, h0);
        WORD.set(out, outOff + 4, h1);
        WORD.set(out, outOff + 8, h2);
        WORD.set(out, outOff + 12, h3);
        WORD.set(out, outOff + 16, h4);
        WORD.set(out, outOff + 20, h5);
        WORD.set(out, outOff + 24, h6);
        WORD.set(out, outOff + 28, h7);
    }
}
