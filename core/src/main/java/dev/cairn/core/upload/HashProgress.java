package dev.cairn.core.upload;

import dev.cairn.core.hash.Blake3;
import dev.cairn.core.hash.Digest256;
import dev.cairn.core.id.ContentId;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * The BLAKE3 state of an upload's ciphertext: a hasher that has seen exactly its first {@link #hashed()} bytes.
 * Continuing it is free; rebuilding it (after a restart, or for bytes not hashed as they were written) costs one read
 * of the bytes it lacks, as {@code EncryptingSink.hashPrefix} does for a whole prefix. Not thread-safe: the upload's
 * lock owns it.
 */
final class HashProgress {
    private static final int BUFFER_SIZE = 64 * 1024;

    private final Blake3 hasher = Blake3.newHasher();
    private long hashed;

    long hashed() {
        return hashed;
    }

    /** Hashes the buffer's remaining bytes, the next ones of the ciphertext, and moves its position to its limit. */
    void update(ByteBuffer ciphertext) {
        hashed += ciphertext.remaining();
        hasher.update(ciphertext);
    }

    /** Hashes the spool's bytes from {@link #hashed()} up to {@code target}, read back from the spool. */
    void catchUp(UploadSpool spool, UploadId id, long target) throws IOException {
        if (hashed >= target) {
            return;
        }
        try (ReadableByteChannel in = spool.read(id, hashed)) {
            ByteBuffer buffer = ByteBuffer.allocate(BUFFER_SIZE);
            while (hashed < target) {
                buffer.clear().limit((int) Math.min(BUFFER_SIZE, target - hashed));
                if (in.read(buffer) < 0) {
                    throw new EOFException("the spool of upload " + id + " ends at " + hashed + " bytes, before the "
                            + target + " recorded durable");
                }
                update(buffer.flip());
            }
        }
    }

    /** The ContentId of the bytes hashed so far. */
    ContentId contentId() {
        return new ContentId(Digest256.of(hasher.digest()));
    }
}
