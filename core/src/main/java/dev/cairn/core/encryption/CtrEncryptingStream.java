package dev.cairn.core.encryption;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.Objects;
import javax.crypto.ShortBufferException;
import org.apache.commons.crypto.cipher.CryptoCipher;

/**
 * Encrypts into a heap buffer and writes it to a channel when full: one copy (the cipher's output), and few, large
 * writes whatever the caller's write sizes.
 */
final class CtrEncryptingStream extends OutputStream {
    private final CryptoCipher cipher;
    private final WritableByteChannel out;
    private final byte[] buffer = new byte[CtrCipher.BUFFER_SIZE];
    private int filled;
    private boolean closed;

    CtrEncryptingStream(CryptoCipher cipher, WritableByteChannel out) {
        this.cipher = cipher;
        this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (closed) {
            throw new IOException("this encrypting stream is closed");
        }
        while (len > 0) {
            int n = Math.min(len, buffer.length - filled);
            try {
                cipher.update(b, off, n, buffer, filled);
            } catch (ShortBufferException e) {
                throw new IllegalStateException("CTR output is as long as its input; the buffer had room", e);
            }
            filled += n;
            off += n;
            len -= n;
            if (filled == buffer.length) {
                drain();
            }
        }
    }

    @Override
    public void flush() throws IOException {
        drain();
    }

    /** Writes what is buffered, releases the cipher and closes the channel. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (cipher;
                out) {
            drain();
        }
    }

    private void drain() throws IOException {
        ByteBuffer pending = ByteBuffer.wrap(buffer, 0, filled);
        while (pending.hasRemaining()) {
            out.write(pending);
        }
        filled = 0;
    }
}
