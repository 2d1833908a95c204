package dev.cairn.adapters.http.upload;

import dev.cairn.adapters.http.error.ApiException;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.upload.Chunk;
import dev.cairn.core.upload.Concatenation;
import dev.cairn.core.upload.UploadService;
import dev.cairn.core.upload.UploadSession;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a file tusd finished into a content: read from tusd's upload directory and streamed through {@link
 * UploadService} ({@code create} with its length, one {@code patch}), so that encryption, ContentId, registration,
 * conversion, IPFS and announcement are exactly those of an upload to the node itself. Each tusd upload becomes one
 * content per user however often its finish hook arrives ({@link FinishedUploads}, in memory).
 *
 * <p>Failures are answered so that tusd retries only what a retry can fix: a file that is missing, outside the
 * directory or shorter than tusd says is a 4xx (tusd retries 5xx only); the node's own storage failing is a 500.
 */
final class TusdFileIntake {
    private static final Logger log = LoggerFactory.getLogger(TusdFileIntake.class);

    private final UploadService uploads;
    private final Path uploadDirectory;
    private final FinishedUploads finished;

    TusdFileIntake(UploadService uploads, Path uploadDirectory, int remembered) {
        this.uploads = uploads;
        this.uploadDirectory = uploadDirectory;
        this.finished = new FinishedUploads(remembered);
    }

    /** The content tusd's finished {@code upload} is (made now, or remembered from an earlier hook). */
    ContentId store(long ownerId, TusdHook.Upload upload) {
        return finished.once(new FinishedUploads.Key(ownerId, upload.id()), () -> storeOnce(ownerId, upload));
    }

    private ContentId storeOnce(long ownerId, TusdHook.Upload upload) {
        Path file = fileOf(upload);
        // Opened before anything is created: a file the node cannot read leaves nothing behind.
        FileChannel channel = open(upload, file);
        try {
            long size = sizeOf(channel, upload, file);
            OptionalLong declared = upload.declaredSize();
            if (declared.isPresent() && declared.getAsLong() != size) {
                throw incomplete(upload, file + " holds " + size + " bytes, tusd says " + declared.getAsLong());
            }
            ContentId id = stream(ownerId, upload, Channels.newInputStream(channel), size, file);
            log.info("tusd upload {} of user {} stored as content {} ({} bytes)", upload.id(), ownerId, id, size);
            return id;
        } finally {
            try {
                channel.close();
            } catch (IOException e) {
                log.warn("tusd upload {}: closing {} failed: {}", upload.id(), file, e.toString());
            }
        }
    }

    private static long sizeOf(FileChannel channel, TusdHook.Upload upload, Path file) {
        try {
            return channel.size();
        } catch (IOException e) {
            throw new ApiException(
                    500, "tus_hook_file_unreadable", "tusd upload " + upload.id() + ": its file failed to read", e);
        }
    }

    private ContentId stream(long ownerId, TusdHook.Upload upload, InputStream in, long size, Path file) {
        UploadSession session = uploads.create(ownerId, OptionalLong.of(size), upload.metadata(), Concatenation.NONE);
        try {
            if (!session.finished()) {
                session = uploads.patch(ownerId, session.id(), Chunk.of(0, in).withContentLength(size));
            }
            if (session.contentId().isEmpty()) {
                // The file ended early or failed mid-read; the pipeline kept what it read.
                throw incomplete(upload, "read " + session.offset() + " of " + size + " bytes of " + file);
            }
            return session.contentId().get();
        } catch (RuntimeException e) {
            terminate(ownerId, session, e);
            throw e;
        }
    }

    /** No half content: an upload that did not finish is removed, so that neither the sweep nor a retry finds it. */
    private void terminate(long ownerId, UploadSession session, RuntimeException failure) {
        try {
            uploads.terminate(ownerId, session.id());
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** {@code Storage.Path} of tusd's filestore, which must lie inside {@code TUS_HOOK_UPLOAD_DIR}. */
    private Path fileOf(TusdHook.Upload upload) {
        String type = upload.storageValue("Type").orElse("");
        String path = upload.storageValue("Path").orElse("");
        if (!type.equals("filestore") || path.isEmpty()) {
            throw new ApiException(
                    422,
                    "tus_hook_storage_unsupported",
                    "tusd upload " + upload.id() + " is in storage '" + TusHeaders.printable(type)
                            + "'; the node reads only tusd's filestore (-upload-dir), from Storage.Path");
        }
        Path file = Path.of(path);
        if (!file.isAbsolute()) {
            throw new ApiException(
                    422,
                    "tus_hook_file_unreadable",
                    "tusd upload " + upload.id() + ": Storage.Path '" + TusHeaders.printable(path)
                            + "' is not absolute");
        }
        return file;
    }

    private FileChannel open(TusdHook.Upload upload, Path file) {
        Path real;
        Path directory;
        try {
            directory = uploadDirectory.toRealPath();
        } catch (IOException e) {
            throw new ApiException(
                    500, "tus_hook_file_unreadable", "TUS_HOOK_UPLOAD_DIR is not readable by the node", e);
        }
        try {
            real = file.toRealPath();
        } catch (NoSuchFileException e) {
            throw unreadable(
                    upload,
                    "there is no file " + file + " on the node (is tusd's -upload-dir mounted at" + " the same path?)");
        } catch (IOException e) {
            throw unreadable(upload, file + " cannot be read by the node: " + e);
        }
        if (!real.startsWith(directory)) {
            throw new ApiException(
                    403,
                    "tus_hook_path_refused",
                    "tusd upload " + upload.id() + ": " + file + " is not inside TUS_HOOK_UPLOAD_DIR " + directory);
        }
        try {
            return FileChannel.open(real, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw unreadable(upload, file + " cannot be read by the node: " + e);
        }
    }

    private static ApiException unreadable(TusdHook.Upload upload, String why) {
        return new ApiException(422, "tus_hook_file_unreadable", "tusd upload " + upload.id() + ": " + why);
    }

    private static ApiException incomplete(TusdHook.Upload upload, String why) {
        return new ApiException(422, "tus_hook_file_incomplete", "tusd upload " + upload.id() + ": " + why);
    }
}
