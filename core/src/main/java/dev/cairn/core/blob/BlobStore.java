package dev.cairn.core.blob;

import dev.cairn.core.id.ContentId;
import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.util.stream.Stream;

/**
 * Where encrypted content blobs live, each under its {@link ContentId}.
 *
 * <p>The store is deliberately dumb: it never looks inside a blob and trusts the id a writer commits under (the
 * encryption layer computes it in the same pass as the bytes, so hashing again here would double the cost). A blob
 * becomes visible only when {@linkplain PendingBlob#commit committed}; a write that is aborted, fails or is cut off by
 * a crash never shows up under its final name. Implementations are safe for concurrent use by several threads; a
 * single {@link PendingBlob} is not.
 */
public interface BlobStore {

    /** Starts a new write; nothing is visible until {@link PendingBlob#commit}. */
    PendingBlob openWriter() throws IOException;

    /**
     * A channel reading blob {@code id} from byte {@code offset} to its end; the caller closes it.
     *
     * @throws NoSuchBlobException if there is no such blob
     * @throws IllegalArgumentException if {@code offset} is negative or past the end of the blob
     */
    ReadableByteChannel open(ContentId id, long offset) throws IOException;

    /** Whether a committed blob {@code id} exists. */
    boolean exists(ContentId id) throws IOException;

    /**
     * The length in bytes of blob {@code id}.
     *
     * @throws NoSuchBlobException if there is no such blob
     */
    long size(ContentId id) throws IOException;

    /** Removes blob {@code id}; returns whether it existed. */
    boolean delete(ContentId id) throws IOException;

    /**
     * Every committed blob, in no particular order. The stream may hold open directory handles: close it
     * (try-with-resources). Blobs committed or deleted while it is consumed may or may not appear.
     */
    Stream<ContentId> list() throws IOException;
}
