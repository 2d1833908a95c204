package dev.cairn.core.encryption;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.Objects;
import javax.crypto.ShortBufferException;
import org.apache.commons.crypto.cipher.CryptoCipher;

/** Reads ciphertext from a channel and decrypts it straight into the caller's array: one buffer, one copy. */
final class CtrDecryptingStream extends InputStream {
    private final CryptoCipher cipher;
    private final ReadableByteChannel in;
    private final byte[] buffer = new byte[CtrCipher.BUFFER_SIZE];
    private boolean closed;

    CtrDecryptingStream(CryptoCipher cipher, ReadableByteChannel in) {
        this.cipher = cipher;
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (closed) {
            throw new IOException("this decrypting stream is closed");
        }
        if (len == 0) {
            return 0;
        }
        ByteBuffer ciphertext = ByteBuffer.wrap(buffer, 0, Math.min(len, buffer.length));
        int n;
        do {
            n = in.read(ciphertext);
        } while (n == 0);
        if (n < 0) {
            return -1;
        }
        try {
            cipher.update(buffer, 0, n, b, off);
        } catch (ShortBufferException e) {
            throw new IllegalStateException("CTR output is as long as its input; the caller's array had room", e);
        }
        return n;
    }

    /** Releases the cipher and closes the channel. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (cipher;
                in) {
            // both closed by try-with-resources
        }
    }
}
