package dev.cairn.adapters.http.storage;

import dev.cairn.core.hash.Digest256;
import dev.cairn.core.id.ContentId;
import java.util.Objects;

/**
 * The id of a stored file: 64 lowercase hex characters on the wire, parsed as a value and never used as a path. An
 * encrypted blob's FileId is its ContentId, the BLAKE3-256 of its bytes.
 */
public record FileId(Digest256 value) {
    public FileId {
        Objects.requireNonNull(value, "value");
    }

    /**
     * Parses the wire form.
     *
     * @throws IllegalArgumentException for anything but 64 lowercase hex characters, naming the text
     */
    public static FileId fromHex(String hex) {
        try {
            return new FileId(Digest256.fromHex(hex));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid file id: " + e.getMessage(), e);
        }
    }

    /** The id of the encrypted blob {@code id}. */
    public static FileId of(ContentId id) {
        return new FileId(id.value());
    }

    /** The ContentId with the same digest, under which a blob store may hold this file. */
    public ContentId asContentId() {
        return new ContentId(value);
    }

    public String hex() {
        return value.hex();
    }

    @Override
    public String toString() {
        return hex();
    }
}
