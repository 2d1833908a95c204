package dev.cairn.core.blob;

import dev.cairn.core.id.ContentId;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/**
 * A blob being written: bytes go in through {@link #write}, then {@link #commit} makes them visible under their id or
 * {@link #abort} throws them away. {@link #close} without a commit aborts, so try-with-resources never leaks a write.
 *
 * <p>Not thread-safe: one writer per pending blob.
 */
public interface PendingBlob extends WritableByteChannel {

    /** Appends all remaining bytes of {@code src} (unlike the general channel contract, never a partial write). */
    @Override
    int write(ByteBuffer src) throws IOException;

    /** Bytes written so far. */
    long size();

    /**
     * Makes the bytes durable and visible as blob {@code id}, then closes this writer. If a blob with that id already
     * exists the store keeps it and drops these bytes: the same id means the same bytes, so committing twice is
     * harmless.
     *
     * @throws IllegalStateException if this write was already committed or aborted
     */
    void commit(ContentId id) throws IOException;

    /** Throws the bytes away; does nothing once committed or aborted. */
    void abort();

    /** Aborts unless committed. */
    @Override
    void close();
}
