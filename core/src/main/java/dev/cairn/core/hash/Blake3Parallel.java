package dev.cairn.core.hash;

import static dev.cairn.core.hash.Blake3Compression.CHUNK_LEN;
import static dev.cairn.core.hash.Blake3Compression.CV_LEN;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Multi-threaded BLAKE3-256 of a whole input: the BLAKE3 tree makes any aligned run of {@code 2^k} chunks an
 * independent subtree (see the paper's tree structure and its discussion of multithreading), so worker threads hash
 * 1 MiB subtrees to chaining values and the calling thread pushes those, in order, onto an ordinary {@link Blake3}
 * stack before hashing the tail.
 *
 * <p>Subtrees are handed out one at a time from a shared counter rather than in fixed shares, so a thread slowed by
 * other load on the machine takes fewer. The input is processed in windows of {@link #WINDOW_SUBTREES} subtrees so
 * the buffer of chaining values stays small for any file size.
 */
final class Blake3Parallel {
    /** 2^10 chunks = 1 MiB per task: large enough that scheduling costs nothing, small enough to balance load. */
    static final int LOG2_SUBTREE_CHUNKS = 10;

    static final int SUBTREE_LEN = CHUNK_LEN << LOG2_SUBTREE_CHUNKS;
    private static final int WINDOW_SUBTREES = 4096;

    private Blake3Parallel() {}

    static byte[] hash(byte[] input, int threads) {
        requireThreads(threads);
        // Only subtrees that more input follows can be hashed apart: the node holding the last byte may be the root.
        int subtrees = input.length == 0 ? 0 : (input.length - 1) / SUBTREE_LEN;
        if (threads == 1 || subtrees < 2) {
            return Blake3.hash(input);
        }
        Blake3 hasher = Blake3.newHasher();
        byte[] cvs = new byte[subtrees * CV_LEN];
        try {
            runWorkers(Math.min(threads, subtrees), subtrees, Blake3Lanes::new, (index, lanes) -> {
                long firstChunk = (long) index << LOG2_SUBTREE_CHUNKS;
                lanes.subtreeCv(input, index * SUBTREE_LEN, LOG2_SUBTREE_CHUNKS, firstChunk, cvs, index * CV_LEN);
            });
        } catch (IOException e) {
            throw new AssertionError("hashing an array does no I/O", e);
        }
        for (int i = 0; i < subtrees; i++) {
            hasher.pushSubtree(cvs, i * CV_LEN, LOG2_SUBTREE_CHUNKS);
        }
        long done = (long) subtrees * SUBTREE_LEN;
        return hasher.update(input, (int) done, (int) (input.length - done)).digest();
    }

    static byte[] hashFile(Path file, int threads) throws IOException {
        return hashFile(file, threads, WINDOW_SUBTREES);
    }

    /** As {@link #hashFile(Path, int)}, with windows of {@code window} subtrees (tests use small ones). */
    static byte[] hashFile(Path file, int threads, int window) throws IOException {
        requireThreads(threads);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            long subtrees = size == 0 ? 0 : (size - 1) / SUBTREE_LEN;
            Blake3 hasher = Blake3.newHasher();
            // Chaining values of one window of subtrees, pushed in order once all are done.
            byte[] cvs = new byte[(int) Math.min(subtrees, window) * CV_LEN];
            for (long first = 0; first < subtrees; first += window) {
                long windowFirst = first;
                int count = (int) Math.min(window, subtrees - first);
                runWorkers(Math.min(threads, count), count, FileWorker::new, (i, worker) -> {
                    long index = windowFirst + i;
                    readFully(channel, ByteBuffer.wrap(worker.buffer), index * SUBTREE_LEN);
                    long firstChunk = index << LOG2_SUBTREE_CHUNKS;
                    worker.lanes.subtreeCv(worker.buffer, 0, LOG2_SUBTREE_CHUNKS, firstChunk, cvs, i * CV_LEN);
                });
                for (int i = 0; i < count; i++) {
                    hasher.pushSubtree(cvs, i * CV_LEN, LOG2_SUBTREE_CHUNKS);
                }
            }
            ByteBuffer tail = ByteBuffer.allocate((int) Math.min(SUBTREE_LEN, size));
            for (long position = subtrees * SUBTREE_LEN; position < size; position += tail.limit()) {
                tail.clear().limit((int) Math.min(tail.capacity(), size - position));
                readFully(channel, tail, position);
                hasher.update(tail.flip());
            }
            return hasher.digest();
        }
    }

    private static void requireThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position);
            if (n < 0) {
                throw new EOFException("file shrank while being hashed: no bytes at position " + position);
            }
            position += n;
        }
    }

    /** A file worker's own buffers: one subtree's bytes and the lanes that hash them. */
    private static final class FileWorker {
        final byte[] buffer = new byte[SUBTREE_LEN];
        final Blake3Lanes lanes = new Blake3Lanes();
    }

    /** One unit of work: subtree {@code index}, with the running thread's own scratch state. */
    private interface SubtreeTask<S> {
        void run(int index, S scratch) throws IOException;
    }

    /**
     * Runs {@code task} for every index in {@code [0, count)} on {@code threads} threads, the calling thread being one,
     * and rethrows the first failure.
     */
    private static <S> void runWorkers(int threads, int count, Supplier<S> scratch, SubtreeTask<S> task)
            throws IOException {
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable worker = () -> {
            S own = scratch.get();
            try {
                for (int i; failure.get() == null && (i = next.getAndIncrement()) < count; ) {
                    task.run(i, own);
                }
            } catch (IOException | RuntimeException | Error e) {
                failure.compareAndSet(null, e);
            }
        };
        Thread[] helpers = new Thread[threads - 1];
        for (int t = 0; t < helpers.length; t++) {
            helpers[t] = Thread.ofPlatform().name("blake3-" + t).daemon().start(worker);
        }
        worker.run();
        joinUninterruptibly(helpers);
        Throwable e = failure.get();
        if (e instanceof IOException io) {
            throw io;
        } else if (e instanceof RuntimeException re) {
            throw re;
        } else if (e instanceof Error error) {
            throw error;
        }
    }

    /** Waits for the helpers even when interrupted (they finish on their own), then restores the interrupt status. */
    private static void joinUninterruptibly(Thread[] threads) {
        boolean interrupted = false;
        for (Thread t : threads) {
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
