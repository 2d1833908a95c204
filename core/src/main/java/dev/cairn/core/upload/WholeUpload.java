package dev.cairn.core.upload;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores one whole stream as one upload: created, patched from offset 0 with the whole stream, finished. For drivers
 * that hold a file in one piece rather than a resumable client (a file sent to the uploader bot, a single-request
 * upload). The content is the same as a tus upload of the same bytes would make.
 *
 * <p>All or nothing: an upload that does not finish (refused, the stream broken off or shorter than declared) is
 * terminated, so no half-done upload is left behind; a content stored before is never touched.
 */
public final class WholeUpload {
    private static final Logger log = LoggerFactory.getLogger(WholeUpload.class);

    private final UploadService uploads;

    public WholeUpload(UploadService uploads) {
        this.uploads = Objects.requireNonNull(uploads, "uploads");
    }

    /**
     * Stores {@code body} for {@code ownerId}.
     *
     * @param length the stream's length when known: one over {@code MAX_CONTENT_SIZE_MB} is refused before a byte is
     *     read, and the stream must be exactly that long; empty to take the length from where the stream ends
     * @param metadata {@link UploadMetadata#FILENAME}, {@link UploadMetadata#TITLE}, {@link UploadMetadata#FILETYPE}
     * @param body read to its end, not closed
     * @return the finished upload; its {@link UploadSession#contentId()} is present
     * @throws UploadException as {@link UploadService} refuses (the upload is removed)
     * @throws IOException if the stream broke off or ended short of {@code length} (the upload is removed)
     */
    public UploadSession store(long ownerId, OptionalLong length, Map<String, String> metadata, InputStream body)
            throws IOException {
        Objects.requireNonNull(length, "length");
        Objects.requireNonNull(metadata, "metadata");
        WatchedStream watched = new WatchedStream(Objects.requireNonNull(body, "body"));
        UploadSession session = uploads.create(ownerId, length, metadata, Concatenation.NONE);
        try {
            if (!session.finished()) {
                Chunk chunk = Chunk.of(0, watched);
                session = uploads.patch(
                        ownerId,
                        session.id(),
                        length.isPresent() ? chunk.withContentLength(length.getAsLong()) : chunk);
            }
            if (!session.finished()) {
                requireWhole(watched, session, length);
                session = uploads.patch(
                        ownerId,
                        session.id(),
                        Chunk.of(session.offset(), InputStream.nullInputStream())
                                .withUploadLength(session.offset()));
            }
            if (!session.finished()) {
                throw new IllegalStateException("upload " + session.id() + " holds its whole body but did not finish");
            }
            return session;
        } catch (IOException | RuntimeException e) {
            terminate(ownerId, session, e);
            throw e;
        }
    }

    /** The stream was read to its end, and that end is where the declared length said. */
    private static void requireWhole(WatchedStream body, UploadSession session, OptionalLong length)
            throws IOException {
        if (body.failure().isPresent()) {
            throw new IOException(
                    "the stream broke off after " + session.offset() + " bytes: "
                            + body.failure().get(),
                    body.failure().get());
        }
        if (!body.ended()) {
            throw new IOException("the stream was not read to its end (" + session.offset() + " bytes stored)");
        }
        if (length.isPresent()) {
            throw new IOException(
                    "the stream ended after " + session.offset() + " of " + length.getAsLong() + " declared bytes");
        }
    }

    private void terminate(long ownerId, UploadSession session, Exception failure) {
        try {
            uploads.terminate(ownerId, session.id());
            log.info("Upload {} of user {} removed: {}", session.id(), ownerId, failure.getMessage());
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }
}
