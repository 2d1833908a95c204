package dev.cairn.adapters.ffmpeg;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The caller's output, counted, with its failures marked as such: a write that fails there is a storage problem, not
 * one of the input or the encoder. Never closes the caller's stream.
 */
final class SinkStream extends OutputStream {
    /** A failure of the caller's stream. */
    static final class Failure extends IOException {
        private static final long serialVersionUID = 1L;

        Failure(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private final OutputStream out;
    private long count;

    SinkStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
        try {
            out.write(b);
        } catch (IOException e) {
            throw new Failure(e);
        }
        count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            throw new Failure(e);
        }
        count += len;
    }

    @Override
    public void flush() throws IOException {
        try {
            out.flush();
        } catch (IOException e) {
            throw new Failure(e);
        }
    }

    long count() {
        return count;
    }

    @Override
    public void close() {
        // the caller's stream stays open: it commits or aborts it
    }
}
