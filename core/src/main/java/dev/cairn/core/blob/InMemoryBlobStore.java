package dev.cairn.core.blob;

import dev.cairn.core.id.ContentId;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ReadableByteChannel;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A {@link BlobStore} on the heap, for tests and for embedding core without a disk.
 *
 * <p>Blobs are byte arrays, so each is limited to about 2 GiB and all of them to the heap.
 */
public final class InMemoryBlobStore implements BlobStore {
    private final Map<ContentId, byte[]> blobs = new ConcurrentHashMap<>();

    @Override
    public PendingBlob openWriter() {
        return new Pending();
    }

    @Override
    public ReadableByteChannel open(ContentId id, long offset) throws NoSuchBlobException {
        byte[] blob = get(id);
        if (offset < 0 || offset > blob.length) {
            throw new IllegalArgumentException(
                    "offset " + offset + " is outside blob " + id + " of size " + blob.length);
        }
        return Channels.newChannel(new ByteArrayInputStream(blob, (int) offset, blob.length - (int) offset));
    }

    @Override
    public boolean exists(ContentId id) {
        return blobs.containsKey(id);
    }

    @Override
    public long size(ContentId id) throws NoSuchBlobException {
        return get(id).length;
    }

    @Override
    public boolean delete(ContentId id) {
        return blobs.remove(id) != null;
    }

    @Override
    public Stream<ContentId> list() {
        return List.copyOf(blobs.keySet()).stream();
    }

    private byte[] get(ContentId id) throws NoSuchBlobException {
        byte[] blob = blobs.get(id);
        if (blob == null) {
            throw new NoSuchBlobException(id);
        }
        return blob;
    }

    private final class Pending implements PendingBlob {
        private byte[] buffer = new byte[1024];
        private int size;
        private boolean open = true;

        @Override
        public int write(ByteBuffer src) throws ClosedChannelException {
            if (!open) {
                throw new ClosedChannelException();
            }
            int n = src.remaining();
            if (size + (long) n > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException(
                        "an in-memory blob is limited to 2 GiB; this one would reach " + (size + (long) n) + " bytes");
            }
            if (size + n > buffer.length) {
                buffer = Arrays.copyOf(
                        buffer, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(size + n, 2L * buffer.length)));
            }
            src.get(buffer, size, n);
            size += n;
            return n;
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public void commit(ContentId id) {
            if (!open) {
                throw new IllegalStateException("this blob write was already committed or aborted");
            }
            open = false;
            blobs.putIfAbsent(id, Arrays.copyOf(buffer, size));
            buffer = null;
        }

        @Override
        public void abort() {
            open = false;
            buffer = null;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            abort();
        }
    }
}
