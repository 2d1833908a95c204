package dev.cairn.core.hash;

import static dev.cairn.core.hash.Blake3Compression.BLOCK_LEN;
import static dev.cairn.core.hash.Blake3Compression.CHUNK_END;
import static dev.cairn.core.hash.Blake3Compression.CHUNK_LEN;
import static dev.cairn.core.hash.Blake3Compression.CHUNK_START;
import static dev.cairn.core.hash.Blake3Compression.CV_LEN;
import static dev.cairn.core.hash.Blake3Compression.PARENT;
import static dev.cairn.core.hash.Blake3Compression.ROOT;
import static dev.cairn.core.hash.Blake3Compression.compress;
import static dev.cairn.core.hash.Blake3Compression.iv;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * Incremental BLAKE3-256 hasher (the unkeyed hash mode, 32-byte output).
 *
 * <p>Not thread-safe: one instance hashes one stream. {@link #digest()} does not end the stream, so a caller may read
 * the hash of the bytes so far and keep appending. For large inputs already in memory or in a file,
 * {@link #hashParallel(byte[], int)} and {@link #hashFile(Path, int)} also use other threads.
 *
 * <p>BLAKE3 (O'Connor, Aumasson, Neves, Wilcox-O'Hearn, 2020) splits the input into 1024-byte chunks, compresses each
 * to a chaining value ({@link Blake3Compression}), and hashes those as the leaves of a binary tree in which every left
 * subtree holds the largest power-of-two number of chunks that leaves at least one byte for the right. As in the
 * incremental hashing algorithm of the paper's implementation section, this hasher keeps a stack of the chaining
 * values of completed subtrees and merges the top two whenever a subtree fills, which the trailing zero bits of the
 * chunk count tell; a chunk is only finished once more input shows it is not the last, because the last node
 * compressed takes the ROOT flag.
 *
 * <p>Performance: input waits in a chunk-aligned staging buffer (growing up to 512 KiB) or, for large updates, is read
 * straight from the caller's array, so that long runs of whole chunks go to {@link Blake3Lanes}, which compresses
 * up to 512 chunks side by side in SIMD-friendly loops. A hasher that has seen more than a few KiB therefore holds
 * about 600 KiB of buffers, while a one-shot {@link #hash(byte[])} of up to 1 KiB allocates under 200 bytes.
 */
public final class Blake3 {
    /** Output length in bytes of BLAKE3-256. */
    public static final int OUT_LEN = 32;

    /** Enough for 2^64 bytes: the stack holds at most one chaining value per bit of the chunk count (2^54 chunks). */
    private static final int MAX_STACK_DEPTH = 54;

    private static final int MAX_STAGE = Blake3Lanes.MAX_LANES * CHUNK_LEN;

    /** Input not yet compressed; it starts at the first byte of chunk {@code chunkCounter}. */
    private byte[] stage = new byte[CHUNK_LEN];

    private int stageLen;
    private long chunkCounter;

    /** Chaining values of completed subtrees, 32 bytes each, oldest first; allocated with the first one. */
    private byte[] stack;

    private int stackLen;

    /** Allocated on the first run of chunks long enough to be worth it. */
    private Blake3Lanes lanes;

    private Blake3() {}

    /** A new hasher over the empty input. */
    public static Blake3 newHasher() {
        return new Blake3();
    }

    /** BLAKE3-256 of {@code input}. */
    public static byte[] hash(byte[] input) {
        byte[] out = new byte[OUT_LEN];
        if (input.length <= CHUNK_LEN) {
            // Performance: hashes of identifiers (keys, ContentID || NodeID) fit in one chunk, the root, so they skip
            // the hasher and its buffers.
            rootOfOneChunk(input, 0, input.length, out, 0);
        } else {
            newHasher().update(input).digest(out, 0);
        }
        return out;
    }

    /**
     * BLAKE3-256 of {@code input}, hashing 1 MiB subtrees on up to {@code threads} threads (the caller's included). The
     * result equals {@link #hash(byte[])}; inputs of 2 MiB or less are hashed on the calling thread.
     */
    public static byte[] hashParallel(byte[] input, int threads) {
        return Blake3Parallel.hash(input, threads);
    }

    /**
     * BLAKE3-256 of the file's contents, read with positional reads by up to {@code threads} threads (the caller's
     * included), each hashing 1 MiB subtrees. The file must not change while it is hashed.
     */
    public static byte[] hashFile(Path file, int threads) throws IOException {
        return Blake3Parallel.hashFile(file, threads);
    }

    public Blake3 update(byte[] input) {
        return update(input, 0, input.length);
    }

    public Blake3 update(byte[] input, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, input.length);
        while (length > 0) {
            if (stageLen == stage.length) {
                makeRoom();
            }
            if (stageLen == 0 && length > CHUNK_LEN) {
                // Performance: whole chunks go straight from the caller's array, without a copy. The last byte stays
                // behind: the chunk holding it may turn out to be the root.
                int chunks = (length - 1) / CHUNK_LEN;
                addChunks(input, offset, chunks);
                offset += chunks * CHUNK_LEN;
                length -= chunks * CHUNK_LEN;
            }
            int take = Math.min(length, stage.length - stageLen);
            System.arraycopy(input, offset, stage, stageLen, take);
            stageLen += take;
            offset += take;
            length -= take;
        }
        return this;
    }

    /** Hashes the buffer's remaining bytes and moves its position to its limit. */
    public Blake3 update(ByteBuffer input) {
        if (input.hasArray()) {
            update(input.array(), input.arrayOffset() + input.position(), input.remaining());
            input.position(input.limit());
            return this;
        }
        // Direct and read-only buffers have no accessible array: they are copied into the staging buffer, which costs
        // a memory copy, small next to hashing the same bytes.
        while (input.hasRemaining()) {
            if (stageLen == stage.length) {
                makeRoom();
            }
            int take = Math.min(input.remaining(), stage.length - stageLen);
            input.get(stage, stageLen, take);
            stageLen += take;
        }
        return this;
    }

    /** The 32-byte hash of everything given so far; the hasher stays usable. */
    public byte[] digest() {
        byte[] out = new byte[OUT_LEN];
        digest(out, 0);
        return out;
    }

    /** Writes the 32-byte hash of everything so far to {@code out[offset..offset+32)}; the hasher stays usable. */
    public void digest(byte[] out, int offset) {
        Objects.checkFromIndexSize(offset, OUT_LEN, out.length);
        if (stageLen > CHUNK_LEN) {
            // Every staged chunk but the last has bytes after it, so none is the root: compress them now (the state
            // after this equals the state before, as far as any later input or digest can tell).
            int chunks = (stageLen - 1) / CHUNK_LEN;
            addChunks(stage, 0, chunks);
            stageLen -= chunks * CHUNK_LEN;
            System.arraycopy(stage, chunks * CHUNK_LEN, stage, 0, stageLen);
        }
        if (stackLen == 0) {
            rootOfOneChunk(stage, 0, stageLen, out, offset);
            return;
        }
        // Fold the last chunk into the stack from the top without changing it: each parent block is a left child from
        // the stack followed by the right child computed so far.
        byte[] parent = new byte[BLOCK_LEN];
        lastChunkOutput(stage, 0, stageLen, chunkCounter, 0, parent, CV_LEN);
        for (int i = stackLen - 1; i >= 0; i--) {
            System.arraycopy(stack, i * CV_LEN, parent, 0, CV_LEN);
            if (i > 0) {
                compress(iv(), 0, parent, 0, 1, BLOCK_LEN, 0, PARENT, 0, 0, parent, CV_LEN);
            } else {
                compress(iv(), 0, parent, 0, 1, BLOCK_LEN, 0, PARENT, 0, ROOT, out, offset);
            }
        }
    }

    /** Forgets all input. */
    public void reset() {
        stageLen = 0;
        chunkCounter = 0;
        stackLen = 0;
    }

    /**
     * Pushes the chaining value {@code cv[cvOff..+32)} of a complete subtree of {@code 2^log2Chunks} chunks that
     * continues this hasher's input, which must end at a multiple of that size; more input must follow. The parallel
     * hasher uses it to go on from subtrees hashed elsewhere.
     */
    void pushSubtree(byte[] cv, int cvOff, int log2Chunks) {
        if (stageLen != 0 || (chunkCounter & ((1L << log2Chunks) - 1)) != 0) {
            throw new IllegalStateException("a subtree of 2^" + log2Chunks + " chunks cannot follow " + chunkCounter
                    + " chunks and " + stageLen + " bytes");
        }
        System.arraycopy(cv, cvOff, stack(), stackLen * CV_LEN, CV_LEN);
        pushed(log2Chunks);
    }

    /** The staging buffer is full and more input follows: grow it, or compress all its chunks. */
    private void makeRoom() {
        if (stage.length < MAX_STAGE) {
            stage = Arrays.copyOf(stage, stage.length * 2);
        } else {
            addChunks(stage, 0, stageLen / CHUNK_LEN);
            stageLen = 0;
        }
    }

    /**
     * Compresses {@code chunks} whole chunks at {@code in[off..)} that follow this hasher's input and are followed by
     * more, and pushes them.
     */
    private void addChunks(byte[] in, int off, int chunks) {
        while (chunks >= Blake3Lanes.MIN_LANES) {
            // Performance: up to 512 chunks in one pass of the lanes, then pushed as the largest complete subtrees
            // they form (aligned power-of-two runs), each reduced in the lanes too; the stack merges what is left.
            int batch = Math.min(chunks, Blake3Lanes.MAX_LANES);
            if (lanes == null) {
                lanes = new Blake3Lanes();
            }
            lanes.chunkCvs(in, off, batch, chunkCounter);
            for (int done = 0; done < batch; ) {
                int log2 = Math.min(
                        31 - Integer.numberOfLeadingZeros(batch - done), Long.numberOfTrailingZeros(chunkCounter));
                lanes.reduce(done, log2, stack(), stackLen * CV_LEN);
                pushed(log2);
                done += 1 << log2;
            }
            off += batch * CHUNK_LEN;
            chunks -= batch;
        }
        for (; chunks > 0; chunks--, off += CHUNK_LEN) {
            compress(
                    iv(),
                    0,
                    in,
                    off,
                    Blake3Compression.BLOCKS_PER_CHUNK,
                    BLOCK_LEN,
                    chunkCounter,
                    0,
                    CHUNK_START,
                    CHUNK_END,
                    stack(),
                    stackLen * CV_LEN);
            pushed(0);
        }
    }

    /**
     * Accounts for the chaining value just written at the stack's top slot, the root of the subtree of
     * {@code 2^log2Chunks} chunks starting at {@code chunkCounter}, and merges every larger subtree it completes.
     */
    private void pushed(int log2Chunks) {
        stackLen++;
        chunkCounter += 1L << log2Chunks;
        // Each trailing zero bit of the chunk count above the pushed subtree's own is one completed subtree, whose
        // left half is the entry below the top. The two are adjacent on the stack: together, the parent's block.
        for (long total = chunkCounter >>> log2Chunks; (total & 1) == 0; total >>>= 1) {
            stackLen--;
            int left = (stackLen - 1) * CV_LEN;
            compress(iv(), 0, stack, left, 1, BLOCK_LEN, 0, PARENT, 0, 0, stack, left);
        }
    }

    private byte[] stack() {
        if (stack == null) {
            stack = new byte[(MAX_STACK_DEPTH + 1) * CV_LEN];
        }
        return stack;
    }

    /** The hash of an input of at most one chunk: that chunk is the root. */
    private static void rootOfOneChunk(byte[] in, int off, int len, byte[] out, int outOff) {
        lastChunkOutput(in, off, len, 0, ROOT, out, outOff);
    }

    /**
     * Compresses the last chunk, {@code len} (0..1024) bytes at {@code in[off..)}, with CHUNK_END and {@code rootFlag}
     * on its last block, which is zero-padded in a copy.
     */
    private static void lastChunkOutput(
            byte[] in, int off, int len, long counter, int rootFlag, byte[] out, int outOff) {
        int fullBlocks = len == 0 ? 0 : (len - 1) / BLOCK_LEN;
        byte[] cv = iv();
        if (fullBlocks > 0) {
            cv = new byte[CV_LEN];
            compress(iv(), 0, in, off, fullBlocks, BLOCK_LEN, counter, 0, CHUNK_START, 0, cv, 0);
        }
        int lastLen = len - fullBlocks * BLOCK_LEN;
        byte[] last = new byte[BLOCK_LEN];
        System.arraycopy(in, off + fullBlocks * BLOCK_LEN, last, 0, lastLen);
        int startFlag = fullBlocks == 0 ? CHUNK_START : 0;
        compress(cv, 0, last, 0, 1, lastLen, counter, 0, startFlag, CHUNK_END | rootFlag, out, outOff);
    }
}
