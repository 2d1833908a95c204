package dev.cairn.core.upload;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.WritableByteChannel;

/**
 * Where the cipher stream of one request writes: into the spool, through the upload's hasher when hashing as the
 * bytes pass. Once told to {@linkplain #discard() discard}, it swallows everything, so a refused chunk's buffered
 * ciphertext never reaches the spool. Closing it leaves the spool open: the request still forces or rolls it back.
 */
final class SpoolSink implements WritableByteChannel {
    private final UploadSpool.Appender out;
    private final HashProgress hash;
    private boolean discarding;
    private boolean open = true;

    /** @param hash the hasher to feed, or null to leave hashing for later */
    SpoolSink(UploadSpool.Appender out, HashProgress hash) {
        this.out = out;
        this.hash = hash;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        if (!open) {
            throw new ClosedChannelException();
        }
        int n = src.remaining();
        if (discarding) {
            src.position(src.limit());
            return n;
        }
        if (hash != null) {
            hash.update(src.duplicate());
        }
        out.write(src);
        return n;
    }

    void discard() {
        discarding = true;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
    }
}
