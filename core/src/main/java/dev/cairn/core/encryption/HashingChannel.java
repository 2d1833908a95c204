package dev.cairn.core.encryption;

import dev.cairn.core.hash.Blake3;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.WritableByteChannel;

/**
 * Passes ciphertext on to its destination while hashing and counting it: the second half of the single pass.
 *
 * <p>Closing it does not close the destination, which belongs to whoever opened it (a pending blob is committed or
 * aborted, never just closed by the cipher stream). Once {@linkplain #discard() discarding} it swallows everything, so
 * an abandoned sink can release its cipher without writing a last partial buffer.
 */
final class HashingChannel implements WritableByteChannel {
    private final WritableByteChannel out;
    private final Blake3 hasher;
    /** {@link Blake3#update(ByteBuffer)} may go byte by byte; the cipher hands us direct buffers, so copy in chunks. */
    private final byte[] scratch = new byte[CtrCipher.BUFFER_SIZE];

    private long position;
    private boolean discarding;
    private boolean open = true;

    HashingChannel(WritableByteChannel out, Blake3 hasher, long position) {
        this.out = out;
        this.hasher = hasher;
        this.position = position;
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
        hash(src.duplicate());
        while (src.hasRemaining()) {
            out.write(src);
        }
        position += n;
        return n;
    }

    private void hash(ByteBuffer bytes) {
        if (bytes.hasArray()) {
            hasher.update(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
            return;
        }
        while (bytes.hasRemaining()) {
            int chunk = Math.min(scratch.length, bytes.remaining());
            bytes.get(scratch, 0, chunk);
            hasher.update(scratch, 0, chunk);
        }
    }

    /** Ciphertext bytes in the blob so far, including any resumed prefix. */
    long position() {
        return position;
    }

    Blake3 hasher() {
        return hasher;
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
