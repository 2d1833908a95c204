package dev.cairn.core.encryption;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * Exactly {@code length} bytes of another channel: the cipher stream reads ahead by whole buffers, and a range must
 * neither read past its end nor silently come up short if the blob was truncated underneath it.
 */
final class BoundedChannel implements ReadableByteChannel {
    private final ReadableByteChannel in;
    private final String what;
    private final long length;
    private long remaining;

    BoundedChannel(ReadableByteChannel in, long length, String what) {
        this.in = in;
        this.length = length;
        this.remaining = length;
        this.what = what;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (remaining == 0) {
            return -1;
        }
        int limit = dst.limit();
        if (dst.remaining() > remaining) {
            dst.limit(dst.position() + (int) remaining);
        }
        try {
            int n = in.read(dst);
            if (n < 0) {
                throw new EOFException(what + " ended " + remaining + " bytes early: expected " + length
                        + " bytes in this range (was the blob truncated?)");
            }
            remaining -= n;
            return n;
        } finally {
            dst.limit(limit);
        }
    }

    @Override
    public boolean isOpen() {
        return in.isOpen();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
