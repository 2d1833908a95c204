package dev.cairn.adapters.http.range;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/** Streams stored bytes into a response in fixed chunks, so no file is ever held in memory whole. */
public final class ChannelCopy {
    private static final int CHUNK = 64 * 1024;

    private ChannelCopy() {}

    /**
     * Writes exactly {@code length} bytes read from {@code in} to {@code out}; closes and flushes neither.
     *
     * @throws IOException if {@code in} ends first: the stored file is shorter than its stated size
     */
    public static void copy(ReadableByteChannel in, OutputStream out, long length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(CHUNK, Math.max(length, 1)));
        long left = length;
        while (left > 0) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), left));
            int n = in.read(buffer);
            if (n < 0) {
                throw new IOException("stored bytes ended " + left + " bytes before their stated length " + length);
            }
            out.write(buffer.array(), 0, n);
            left -= n;
        }
    }
}
