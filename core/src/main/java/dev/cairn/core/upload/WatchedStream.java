package dev.cairn.core.upload;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * A stream that remembers how reading it ended. The upload pipeline takes a failed read for a client that went away and
 * keeps what arrived (as tus wants); a whole-stream upload (a single-request upload, a file from a chat) needs to know
 * it did, to remove the upload rather than finish it short. Closing it closes nothing: the caller owns the stream.
 */
public final class WatchedStream extends FilterInputStream {
    private boolean ended;
    private IOException failure;

    public WatchedStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        try {
            int b = super.read();
            ended |= b < 0;
            return b;
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            int n = super.read(b, off, len);
            ended |= n < 0;
            return n;
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }

    /** Reading reached the end of the stream. */
    public boolean ended() {
        return ended;
    }

    /** What made a read fail, if one did. */
    public Optional<IOException> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public void close() {}
}
