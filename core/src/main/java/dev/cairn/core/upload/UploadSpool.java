package dev.cairn.core.upload;

import dev.cairn.core.id.ContentId;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where uploads in progress keep their bytes ({@code <DATA_DIR>/uploads}); every file operation of the upload
 * pipeline is in this class. Only ciphertext is written here.
 *
 * <ul>
 *   <li>{@code <upload id>.part}: the upload's ciphertext. Its first {@code offset} bytes (the session's offset) are
 *       durable; bytes past that were left by a request a crash cut off, and are cut away when the upload continues.
 *   <li>{@code <upload id>.cid}: the ContentId of a complete spool, forced to disk before the spool is handed to the
 *       blob store, so that a crash after that move can still be finished although the spool is gone.
 *   <li>{@code .lock}: held while the spool is open; one process per directory, because a sweep deleting spools
 *       without a session would otherwise delete another process's uploads in progress.
 * </ul>
 */
public final class UploadSpool implements Closeable {
    private static final Pattern NAME = Pattern.compile("([0-9a-f]{32})\\.(part|cid)");
    private static final String PART = ".part";
    private static final String CONTENT_ID = ".cid";

    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private UploadSpool(Path dir, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Opens (creating if needed) the spool directory {@code dir} and locks it.
     *
     * @throws IOException if another open spool holds the directory, naming it
     */
    public static UploadSpool open(Path dir) throws IOException {
        Path root = dir.toAbsolutePath().normalize();
        Files.createDirectories(root);
        FileChannel channel =
                FileChannel.open(root.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw new IOException("upload spool directory " + root + " is already in use by another open spool"
                    + " (this or another process holds " + root.resolve(".lock") + ")");
        }
        return new UploadSpool(root, channel, lock);
    }

    public Path directory() {
        return dir;
    }

    /** Releases the directory lock. */
    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            lockChannel.close();
        }
    }

    Path partOf(UploadId id) {
        return dir.resolve(id.value() + PART);
    }

    /** Creates the empty spool of a new upload, durably. */
    void create(UploadId id) throws IOException {
        Files.createFile(partOf(id));
        forceDirectory();
    }

    /**
     * Opens the spool for appending at its durable offset, cutting away any bytes past it. A missing spool is
     * created if nothing is durable yet.
     *
     * @throws IOException if the spool holds fewer bytes than {@code durable}: bytes promised durable are gone
     */
    Appender append(UploadId id, long durable) throws IOException {
        Path part = partOf(id);
        boolean missing = !Files.exists(part);
        if (missing && durable > 0) {
            throw new NoSuchFileException(part.toString(), null, durable + " bytes of it are recorded as durable");
        }
        FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            if (missing) {
                forceDirectory();
            }
            long size = channel.size();
            if (size < durable) {
                throw new IOException(
                        "spool " + part + " holds " + size + " bytes, fewer than the " + durable + " recorded durable");
            }
            channel.truncate(durable);
            channel.position(durable);
            return new Appender(channel, durable);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The spool's bytes from {@code offset} on; the caller reads only as far as they are durable. */
    ReadableByteChannel read(UploadId id, long offset) throws IOException {
        FileChannel channel = FileChannel.open(partOf(id), StandardOpenOption.READ);
        return channel.position(offset);
    }

    boolean exists(UploadId id) {
        return Files.isRegularFile(partOf(id));
    }

    long size(UploadId id) throws IOException {
        return Files.size(partOf(id));
    }

    /** Deletes everything kept for the upload. */
    void discard(UploadId id) throws IOException {
        boolean deleted = Files.deleteIfExists(partOf(id));
        deleted |= Files.deleteIfExists(dir.resolve(id.value() + CONTENT_ID));
        if (deleted) {
            forceDirectory();
        }
    }

    /** Records, durably, the ContentId of the upload's complete spool, before the spool leaves this directory. */
    void recordContentId(UploadId id, ContentId content) throws IOException {
        try (FileChannel channel = FileChannel.open(
                dir.resolve(id.value() + CONTENT_ID),
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer hex = ByteBuffer.wrap(content.hex().getBytes(StandardCharsets.US_ASCII));
            while (hex.hasRemaining()) {
                channel.write(hex);
            }
            channel.force(true);
        }
        forceDirectory();
    }

    /**
     * The ContentId recorded for the upload, if any. A record cut short by a crash reads as none: it was being
     * written while the spool was still here, so the id can be computed again.
     */
    Optional<ContentId> recordedContentId(UploadId id) throws IOException {
        Path file = dir.resolve(id.value() + CONTENT_ID);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(ContentId.fromHex(Files.readString(file, StandardCharsets.US_ASCII)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    void forgetContentId(UploadId id) throws IOException {
        Files.deleteIfExists(dir.resolve(id.value() + CONTENT_ID));
    }

    /** Every upload that has a spool or a recorded ContentId here. */
    Set<UploadId> list() throws IOException {
        Set<UploadId> ids = new HashSet<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                Matcher name = NAME.matcher(file.getFileName().toString());
                if (name.matches()) {
                    ids.add(new UploadId(name.group(1)));
                }
            }
        }
        return ids;
    }

    /** Makes the creation or removal of names in the directory durable (on Linux, an fsync of the directory). */
    private void forceDirectory() throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** A spool open for appending from its durable offset; the upload's lock keeps it to one request at a time. */
    static final class Appender implements WritableByteChannel {
        private final FileChannel channel;
        private final long start;

        private Appender(FileChannel channel, long start) {
            this.channel = channel;
            this.start = start;
        }

        /** Appends all of {@code src}. */
        @Override
        public int write(ByteBuffer src) throws IOException {
            int n = src.remaining();
            while (src.hasRemaining()) {
                channel.write(src);
            }
            return n;
        }

        /** Forces what was appended to disk: after this, the bytes survive a crash. */
        void force() throws IOException {
            channel.force(false);
        }

        /** Cuts the spool back to where this request started. */
        void rollback() throws IOException {
            channel.truncate(start);
            channel.position(start);
        }

        @Override
        public boolean isOpen() {
            return channel.isOpen();
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
