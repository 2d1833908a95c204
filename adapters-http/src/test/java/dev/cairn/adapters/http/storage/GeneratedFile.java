package dev.cairn.adapters.http.storage;

import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/** A stored file of any size whose bytes are computed from their position, so a test can hold none of it. */
record GeneratedFile(long size) implements StoredFile {

    /** The byte at {@code position}: a multiplicative hash, so neighbouring bytes and distant ones differ. */
    static byte at(long position) {
        return (byte) ((position * 0x9E3779B97F4A7C15L) >>> 56);
    }

    @Override
    public String contentType() {
        return "application/octet-stream";
    }

    @Override
    public ReadableByteChannel open(long offset) {
        return new ReadableByteChannel() {
            private long position = offset;
            private boolean open = true;

            @Override
            public int read(ByteBuffer into) {
                if (position >= size) {
                    return -1;
                }
                int n = (int) Math.min(into.remaining(), size - position);
                for (int i = 0; i < n; i++) {
                    into.put(at(position++));
                }
                return n;
            }

            @Override
            public boolean isOpen() {
                return open;
            }

            @Override
            public void close() {
                open = false;
            }
        };
    }
}
