package dev.cairn.core.upload;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.CountDownLatch;

/** Request bodies that misbehave the way real clients do. */
final class Bodies {
    private Bodies() {}

    /** {@code bytes[from, cut)}, then the connection drops. */
    static InputStream droppingAt(byte[] bytes, int from, int cut) {
        return new InputStream() {
            int position = from;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (position == cut) {
                    throw new IOException("EofException: early EOF, the client went away");
                }
                int n = Math.min(len, cut - position);
                System.arraycopy(bytes, position, b, off, n);
                position += n;
                return n;
            }
        };
    }

    /** {@code bytes[from, to)}, stalling at {@code gate} until {@link Gated#open} is called. */
    static Gated gated(byte[] bytes, int from, int gate, int to) {
        return new Gated(bytes, from, gate, to);
    }

    static final class Gated extends InputStream {
        final CountDownLatch reached = new CountDownLatch(1);
        private final CountDownLatch opened = new CountDownLatch(1);
        private final byte[] bytes;
        private final int gate;
        private final int to;
        private int position;

        Gated(byte[] bytes, int from, int gate, int to) {
            this.bytes = bytes;
            this.position = from;
            this.gate = gate;
            this.to = to;
        }

        void open() {
            opened.countDown();
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (position == gate && opened.getCount() > 0) {
                reached.countDown();
                try {
                    opened.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException();
                }
            }
            if (position == to) {
                return -1;
            }
            int n = Math.min(len, (position < gate ? gate : to) - position);
            System.arraycopy(bytes, position, b, off, n);
            position += n;
            return n;
        }
    }
}
