package dev.cairn.adapters.http.upload;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * A request body that remembers how reading it ended. The upload pipeline takes a failed read for a client that went
 * away and keeps what arrived (as tus wants); a single-request upload needs to know it did, to remove the upload
 * rather than finish it short.
 */
final class WatchedBody extends FilterInputStream {
    private boolean ended;
    private IOException failure;

    WatchedBody(InputStream body) {
        super(body);
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

    /** Reading reached the end of the body. */
    boolean ended() {
        return ended;
    }

    /** What made a read fail, if one did. */
    Optional<IOException> failure() {
        return Optional.ofNullable(failure);
    }

    /** The pipeline closes nothing; neither does this. */
    @Override
    public void close() {}
}
