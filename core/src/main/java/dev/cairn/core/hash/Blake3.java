package dev.cairn.core.hash;

import java.nio.ByteBuffer;
import org.bouncycastle.crypto.digests.Blake3Digest;

/**
 * Incremental BLAKE3-256 hasher.
 *
 * <p>Not thread-safe: one instance hashes one stream. {@link #digest()} does not end the stream, so a caller may read
 * the hash of the bytes so far and keep appending.
 */
public final class Blake3 {
    /** Output length in bytes of BLAKE3-256. */
    public static final int OUT_LEN = 32;

    private final Blake3Digest digest = new Blake3Digest(OUT_LEN * 8);

    private Blake3() {}

    /** A new hasher over the empty input. */
    public static Blake3 newHasher() {
        return new Blake3();
    }

    /** BLAKE3-256 of {@code input}. */
    public static byte[] hash(byte[] input) {
        return newHasher().update(input).digest();
    }

    public Blake3 update(byte[] input) {
        return update(input, 0, input.length);
    }

    public Blake3 update(byte[] input, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, input.length);
        digest.update(input, offset, length);
        return this;
    }

    public Blake3 update(ByteBuffer input) {
        while (input.hasRemaining()) {
            digest.update(input.get());
        }
        return this;
    }

    /** The 32-byte hash of everything given so far; the hasher stays usable. */
    public byte[] digest() {
        var copy = new Blake3Digest(digest);
        byte[] out = new byte[OUT_LEN];
        copy.doFinal(out, 0);
        return out;
    }

    /** Forgets all input. */
    public void reset() {
        digest.reset();
    }
}
