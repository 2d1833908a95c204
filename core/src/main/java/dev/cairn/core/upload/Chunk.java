package dev.cairn.core.upload;

import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One PATCH request: where the client says its bytes start, the bytes, and the optional tus headers.
 *
 * @param offset {@code Upload-Offset}
 * @param uploadLength {@code Upload-Length}, sent to fix a deferred length
 * @param contentLength {@code Content-Length} when known: a chunk that cannot fit is then refused unread
 * @param checksum {@code Upload-Checksum}, over the bytes as sent
 * @param body the request body; read to its end (or to the first byte that does not fit), never closed
 */
public record Chunk(
        long offset,
        OptionalLong uploadLength,
        OptionalLong contentLength,
        Optional<ChunkChecksum> checksum,
        InputStream body) {

    public Chunk {
        Objects.requireNonNull(uploadLength, "uploadLength");
        Objects.requireNonNull(contentLength, "contentLength");
        Objects.requireNonNull(checksum, "checksum");
        Objects.requireNonNull(body, "body");
        if (offset < 0) {
            throw new IllegalArgumentException("Upload-Offset is >= 0, got " + offset);
        }
        if (contentLength.isPresent() && contentLength.getAsLong() < 0) {
            throw new IllegalArgumentException("Content-Length is >= 0, got " + contentLength.getAsLong());
        }
    }

    /** A chunk with no optional headers. */
    public static Chunk of(long offset, InputStream body) {
        return new Chunk(offset, OptionalLong.empty(), OptionalLong.empty(), Optional.empty(), body);
    }

    public Chunk withUploadLength(long length) {
        return new Chunk(offset, OptionalLong.of(length), contentLength, checksum, body);
    }

    public Chunk withContentLength(long length) {
        return new Chunk(offset, uploadLength, OptionalLong.of(length), checksum, body);
    }

    public Chunk withChecksum(ChunkChecksum expected) {
        return new Chunk(offset, uploadLength, contentLength, Optional.of(expected), body);
    }
}
