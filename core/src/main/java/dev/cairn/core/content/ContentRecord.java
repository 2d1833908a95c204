package dev.cairn.core.content;

import dev.cairn.core.encryption.WrappedKey;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.ipfs.Cid;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A stored content as this node registers it: owner, kind and type found by probing, size of the encrypted blob,
 * title and file name from the upload's metadata, the wrapped content key (bound to the ContentId), and its IPFS CID
 * once Kubo has it.
 */
public record ContentRecord(
        ContentId id,
        long ownerId,
        ContentKind kind,
        String mimeType,
        long size,
        String title,
        Optional<String> fileName,
        WrappedKey wrappedKey,
        Instant createdAt,
        Optional<Cid> ipfsCid) {
    public ContentRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(mimeType, "mimeType");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(wrappedKey, "wrappedKey");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(ipfsCid, "ipfsCid");
        if (size < 0) {
            throw new IllegalArgumentException("a content size is >= 0 bytes, got " + size);
        }
        if (mimeType.isBlank() || mimeType.length() > 255) {
            throw new IllegalArgumentException("a MIME type is 1 to 255 characters, got '" + mimeType + "'");
        }
    }
}
