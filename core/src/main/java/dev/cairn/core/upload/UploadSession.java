package dev.cairn.core.upload;

import dev.cairn.core.encryption.WrappedKey;
import dev.cairn.core.id.ContentId;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A resumable upload as stored: whose it is, how far its durable bytes go, how long it will be, its metadata, the
 * content key its ciphertext is written with, and, once finished, the content it became.
 *
 * @param offset how many bytes are durable in the spool; never ahead of what survives a crash
 * @param length the declared length, empty while deferred
 * @param metadata the decoded {@code Upload-Metadata} pairs (keys and values as given)
 * @param wrappedKey the content key, wrapped by the master key for {@code KeyContext.upload(id)}
 */
public record UploadSession(
        UploadId id,
        long ownerId,
        long offset,
        OptionalLong length,
        Map<String, String> metadata,
        Concatenation concatenation,
        WrappedKey wrappedKey,
        Instant createdAt,
        Instant expiresAt,
        Optional<ContentId> contentId) {

    public UploadSession {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(length, "length");
        metadata = Map.copyOf(Objects.requireNonNull(metadata, "metadata"));
        Objects.requireNonNull(concatenation, "concatenation");
        Objects.requireNonNull(wrappedKey, "wrappedKey");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(contentId, "contentId");
        if (offset < 0) {
            throw new IllegalArgumentException("an upload offset is >= 0, got " + offset);
        }
        if (length.isPresent() && (length.getAsLong() < 0 || offset > length.getAsLong())) {
            throw new IllegalArgumentException(
                    "an upload's offset " + offset + " lies within its length " + length.getAsLong());
        }
        if (contentId.isPresent() && !(length.isPresent() && offset == length.getAsLong())) {
            throw new IllegalArgumentException(
                    "upload " + id + " has a content but only " + offset + " bytes of " + length);
        }
    }

    /** Every declared byte is durable. */
    public boolean complete() {
        return length.isPresent() && offset == length.getAsLong();
    }

    public boolean finished() {
        return contentId.isPresent();
    }

    public UploadSession withOffset(long newOffset) {
        return new UploadSession(
                id, ownerId, newOffset, length, metadata, concatenation, wrappedKey, createdAt, expiresAt, contentId);
    }

    public UploadSession withLength(long newLength) {
        return new UploadSession(
                id,
                ownerId,
                offset,
                OptionalLong.of(newLength),
                metadata,
                concatenation,
                wrappedKey,
                createdAt,
                expiresAt,
                contentId);
    }

    public UploadSession finishedAs(ContentId content) {
        return new UploadSession(
                id,
                ownerId,
                offset,
                length,
                metadata,
                concatenation,
                wrappedKey,
                createdAt,
                expiresAt,
                Optional.of(content));
    }
}
