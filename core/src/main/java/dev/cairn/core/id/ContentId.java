package dev.cairn.core.id;

import dev.cairn.core.hash.Blake3;
import dev.cairn.core.hash.Digest256;
import java.io.IOException;
import java.io.InputStream;

/** A content's identity: BLAKE3-256 of its encrypted blob; ordered as an unsigned big-endian number. */
public record ContentId(Digest256 value) implements Comparable<ContentId> {
    /** Large enough that per-call overhead vanishes, small enough to stay in L2 cache. */
    private static final int BUFFER_SIZE = 64 * 1024;

    public ContentId {
        java.util.Objects.requireNonNull(value, "value");
    }

    /** The ContentId of an encrypted blob held in memory. */
    public static ContentId ofBlob(byte[] encryptedBlob) {
        return new ContentId(Digest256.blake3(encryptedBlob));
    }

    /**
     * The ContentId of the encrypted blob read from {@code in} to its end, in bounded memory; {@code in} is not closed.
     */
    public static ContentId ofBlob(InputStream in) throws IOException {
        Blake3 hasher = Blake3.newHasher();
        byte[] buffer = new byte[BUFFER_SIZE];
        for (int n; (n = in.read(buffer)) != -1; ) {
            hasher.update(buffer, 0, n);
        }
        return new ContentId(Digest256.of(hasher.digest()));
    }

    /** Parses the wire form (64 lowercase hex characters). */
    public static ContentId fromHex(String hex) {
        try {
            return new ContentId(Digest256.fromHex(hex));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid ContentId: " + e.getMessage(), e);
        }
    }

    public String hex() {
        return value.hex();
    }

    @Override
    public int compareTo(ContentId o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return hex();
    }
}
