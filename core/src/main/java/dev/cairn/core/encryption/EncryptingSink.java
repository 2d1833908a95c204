package dev.cairn.core.encryption;

import dev.cairn.core.hash.Blake3;
import dev.cairn.core.hash.Digest256;
import dev.cairn.core.id.ContentId;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.Objects;

/**
 * Plaintext in, ciphertext out, in one pass: encrypts with AES-256-CTR, hashes the ciphertext with BLAKE3 and counts
 * it, so {@link #finish()} knows the {@link ContentId} without reading anything back.
 *
 * <p>A sink may start mid-content ({@link #resume}): CTR needs nothing but the byte offset to continue the keystream,
 * so an interrupted upload continues without re-encrypting what is stored. BLAKE3 is not seekable the same way: its
 * state after the prefix must be rebuilt by hashing the stored prefix again ({@link #hashPrefix}), a sequential read
 * of the prefix at hashing speed, paid once per resumption.
 *
 * <p>Writes are buffered ({@value CtrCipher#BUFFER_SIZE} bytes) and reach the destination in order; the destination
 * is never closed by the sink. Not thread-safe.
 */
public final class EncryptingSink extends OutputStream {
    private enum State {
        OPEN,
        FINISHED,
        FAILED,
        ABANDONED
    }

    private final HashingChannel ciphertext;
    private final OutputStream encrypting;
    private final long startOffset;
    private long accepted;
    private State state = State.OPEN;

    private EncryptingSink(HashingChannel ciphertext, OutputStream encrypting, long startOffset) {
        this.ciphertext = ciphertext;
        this.encrypting = encrypting;
        this.startOffset = startOffset;
    }

    /** A sink for a new content, writing its ciphertext from position 0 to {@code out}. */
    public static EncryptingSink start(CtrCipher cipher, ContentKey key, WritableByteChannel out) throws IOException {
        return resume(cipher, key, 0, Blake3.newHasher(), out);
    }

    /**
     * A sink that continues a content at plaintext/ciphertext position {@code offset}.
     *
     * @param prefixHash a hasher that has seen exactly the first {@code offset} ciphertext bytes ({@link
     *     #hashPrefix}); the sink takes it over
     * @param out where ciphertext from position {@code offset} on goes (e.g. the stored prefix, opened for append)
     */
    public static EncryptingSink resume(
            CtrCipher cipher, ContentKey key, long offset, Blake3 prefixHash, WritableByteChannel out)
            throws IOException {
        Objects.requireNonNull(prefixHash, "prefixHash");
        Objects.requireNonNull(out, "out");
        if (offset < 0) {
            throw new IllegalArgumentException("a resume offset must be >= 0, got " + offset);
        }
        var ciphertext = new HashingChannel(out, prefixHash, offset);
        return new EncryptingSink(ciphertext, cipher.encrypting(key, offset, ciphertext), offset);
    }

    /**
     * Hashes the first {@code length} bytes of stored ciphertext, read from {@code prefix}: the hasher {@link #resume}
     * needs. Costs one sequential read of the prefix.
     *
     * @throws EOFException if {@code prefix} ends before {@code length} bytes
     */
    public static Blake3 hashPrefix(ReadableByteChannel prefix, long length) throws IOException {
        if (length < 0) {
            throw new IllegalArgumentException("a prefix length must be >= 0, got " + length);
        }
        Blake3 hasher = Blake3.newHasher();
        byte[] chunk = new byte[CtrCipher.BUFFER_SIZE];
        long remaining = length;
        while (remaining > 0) {
            ByteBuffer buffer = ByteBuffer.wrap(chunk, 0, (int) Math.min(chunk.length, remaining));
            int n = prefix.read(buffer);
            if (n < 0) {
                throw new EOFException("the stored ciphertext prefix ended after " + (length - remaining) + " of "
                        + length + " bytes");
            }
            hasher.update(chunk, 0, n);
            remaining -= n;
        }
        return hasher;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        requireOpen();
        try {
            encrypting.write(b, off, len);
        } catch (IOException | RuntimeException e) {
            state = State.FAILED;
            throw e;
        }
        accepted += len;
    }

    /** Encrypts everything {@code plaintext} yields until its end (it is not closed); returns the byte count. */
    public long transferFrom(InputStream plaintext) throws IOException {
        byte[] chunk = new byte[CtrCipher.BUFFER_SIZE];
        long total = 0;
        int n;
        while ((n = plaintext.read(chunk)) >= 0) {
            write(chunk, 0, n);
            total += n;
        }
        return total;
    }

    /** The position the next plaintext byte has in the content (the start offset plus bytes accepted). */
    public long position() {
        return startOffset + accepted;
    }

    /**
     * Flushes the last ciphertext to the destination and returns its id and size. The destination stays open; the
     * caller commits it.
     *
     * @throws IllegalStateException if the sink already finished, failed or was closed
     */
    public EncryptedBlob finish() throws IOException {
        requireOpen();
        try {
            encrypting.close();
        } catch (IOException | RuntimeException e) {
            state = State.FAILED;
            throw e;
        }
        state = State.FINISHED;
        return new EncryptedBlob(new ContentId(Digest256.of(ciphertext.hasher().digest())), ciphertext.position());
    }

    /** Abandons the content unless finished: buffered plaintext is dropped and nothing more reaches the destination. */
    @Override
    public void close() {
        if (state == State.FINISHED || state == State.ABANDONED) {
            return;
        }
        state = State.ABANDONED;
        ciphertext.discard();
        try {
            encrypting.close();
        } catch (IOException | RuntimeException e) {
            // Only releasing the cipher here; the content is being thrown away anyway.
        }
    }

    private void requireOpen() {
        if (state != State.OPEN) {
            throw new IllegalStateException(
                    "this encrypting sink is " + state.name().toLowerCase(java.util.Locale.ROOT) + "; start a new one");
        }
    }
}
