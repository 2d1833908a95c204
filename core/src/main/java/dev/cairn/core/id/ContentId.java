package dev.cairn.core.id;

import dev.cairn.core.hash.Digest256;

/** A content's identity: BLAKE3-256 of its encrypted blob; ordered as an unsigned big-endian number. */
public record ContentId(Digest256 value) implements Comparable<ContentId> {
    public ContentId {
        java.util.Objects.requireNonNull(value, "value");
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
