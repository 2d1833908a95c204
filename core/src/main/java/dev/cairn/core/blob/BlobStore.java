package dev.cairn.core.blob;

import dev.cairn.core.id.ContentId;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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

    /**
     * Makes the finished file {@code file} blob {@code id} and removes it from where it was: the way a finished upload
     * spool becomes a blob. A store that can (a {@link LocalFileBlobStore} on the same file system as {@code file})
     * renames the file into place atomically, without copying a byte; this default copies it through {@link
     * #openWriter()} and then deletes it. As with {@link PendingBlob#commit}, an existing blob {@code id} is kept and
     * the file deleted, and the store trusts that {@code id} is the file's BLAKE3. The file must not change meanwhile.
     *
     * @throws java.nio.file.NoSuchFileException if {@code file} does not exist
     */
    default void adopt(Path file, ContentId id) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ);
                PendingBlob blob = openWriter()) {
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            while (in.read(buffer) >= 0) {
                buffer.flip();
                blob.write(buffer);
                buffer.clear();
            }
            blob.commit(id);
        }
        Files.delete(file);
    }

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
