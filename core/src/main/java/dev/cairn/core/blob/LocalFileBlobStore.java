package dev.cairn.core.blob;

import dev.cairn.core.id.ContentId;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link BlobStore} in a local directory, JDK only, safe against crashes.
 *
 * <p>Layout: blob {@code abcd…} lives at {@code <dir>/ab/abcd…} (the 64-hex-character id, fanned out by its first byte
 * so no directory grows past ~1/256 of the blobs). A write goes to {@code <dir>/tmp/blob-*.tmp}; commit forces it to
 * disk, renames it into place atomically (the same file system, so {@code rename(2)}), then forces the directory so the
 * new name survives a power cut. A final name therefore only ever points at complete, durable bytes, whatever moment a
 * crash hits. Temporary files left by a crash are deleted when the store is next opened. {@link #adopt} takes a file
 * written elsewhere (a finished upload spool) the same way: forced, then renamed into place.
 *
 * <p>One process at a time: {@link #open} takes an exclusive lock on {@code <dir>/.lock} (the OS drops it if the
 * process dies), because the start-up sweep would otherwise delete another live process's in-flight writes.
 */
public final class LocalFileBlobStore implements BlobStore, Closeable {
    private static final Logger log = LoggerFactory.getLogger(LocalFileBlobStore.class);
    private static final Pattern FAN_OUT = Pattern.compile("[0-9a-f]{2}");
    private static final Pattern BLOB_NAME = Pattern.compile("[0-9a-f]{64}");
    private static final String TMP_DIR = "tmp";

    private final Path dir;
    private final Path tmp;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private LocalFileBlobStore(Path dir, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.tmp = dir.resolve(TMP_DIR);
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Opens (creating if needed) the store in {@code dir}, locks it and deletes temporary files left by a crash.
     *
     * @throws IOException if another store holds the directory, naming it
     */
    public static LocalFileBlobStore open(Path dir) throws IOException {
        Path root = dir.toAbsolutePath().normalize();
        Files.createDirectories(root.resolve(TMP_DIR));
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
            throw new IOException("blob store directory " + root + " is already in use by another open store"
                    + " (this or another process holds " + root.resolve(".lock") + ")");
        }
        var store = new LocalFileBlobStore(root, channel, lock);
        store.sweepTemporaryFiles();
        return store;
    }

    /** The directory this store lives in. */
    public Path directory() {
        return dir;
    }

    @Override
    public PendingBlob openWriter() throws IOException {
        Path file = Files.createTempFile(tmp, "blob-", ".tmp");
        return new Pending(file, FileChannel.open(file, StandardOpenOption.WRITE));
    }

    @Override
    public ReadableByteChannel open(ContentId id, long offset) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(pathOf(id), StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new NoSuchBlobException(id);
        }
        long size = channel.size();
        if (offset < 0 || offset > size) {
            channel.close();
            throw new IllegalArgumentException("offset " + offset + " is outside blob " + id + " of size " + size);
        }
        return channel.position(offset);
    }

    /**
     * Forces {@code file} to disk and renames it to blob {@code id} ({@code rename(2)}, no copy), then forces both
     * directories so neither the new name nor the old one's removal can be undone by a power cut. A file on another
     * file system is copied instead (the default), since a rename cannot cross file systems.
     */
    @Override
    public void adopt(Path file, ContentId id) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            // The bytes must be durable before a name that promises them is.
            channel.force(true);
        }
        Path target = pathOf(id);
        createFanOut(target.getParent());
        Path source = file.toAbsolutePath().getParent();
        if (Files.exists(target)) {
            // Same id, same bytes: keep the blob already there.
            Files.delete(file);
            forceDirectory(source);
            return;
        }
        try {
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            BlobStore.super.adopt(file, id);
            return;
        }
        forceDirectory(target.getParent());
        forceDirectory(source);
    }

    @Override
    public boolean exists(ContentId id) {
        return Files.isRegularFile(pathOf(id));
    }

    @Override
    public long size(ContentId id) throws IOException {
        try {
            return Files.size(pathOf(id));
        } catch (NoSuchFileException e) {
            throw new NoSuchBlobException(id);
        }
    }

    @Override
    public boolean delete(ContentId id) throws IOException {
        return Files.deleteIfExists(pathOf(id));
    }

    @Override
    public Stream<ContentId> list() throws IOException {
        Stream<Path> fanOut = Files.list(dir);
        return fanOut.filter(d -> FAN_OUT.matcher(d.getFileName().toString()).matches() && Files.isDirectory(d))
                .flatMap(LocalFileBlobStore::blobsIn);
    }

    /** Releases the directory lock. Writes still pending are abandoned and swept at the next open. */
    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            lockChannel.close();
        }
    }

    /** Where blob {@code id} lives (whether or not it exists). */
    Path pathOf(ContentId id) {
        String hex = id.hex();
        return dir.resolve(hex.substring(0, 2)).resolve(hex);
    }

    private static Stream<ContentId> blobsIn(Path fanOutDir) {
        try {
            String prefix = fanOutDir.getFileName().toString();
            return Files.list(fanOutDir)
                    .map(p -> p.getFileName().toString())
                    .filter(name -> BLOB_NAME.matcher(name).matches() && name.startsWith(prefix))
                    .map(ContentId::fromHex);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void sweepTemporaryFiles() throws IOException {
        int swept = 0;
        try (DirectoryStream<Path> stale = Files.newDirectoryStream(tmp)) {
            for (Path file : stale) {
                Files.deleteIfExists(file);
                swept++;
            }
        }
        if (swept > 0) {
            log.info("Deleted {} unfinished blob write(s) left in {} by an earlier run", swept, tmp);
        }
    }

    /** Creates a fan-out directory if missing, durably: a blob renamed into it must not vanish with it. */
    private void createFanOut(Path fanOut) throws IOException {
        if (!Files.isDirectory(fanOut)) {
            Files.createDirectories(fanOut);
            forceDirectory(dir);
        }
    }

    /** Forces a directory's entries to disk; on Linux an fsync of the directory is what makes a rename durable. */
    private static void forceDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private final class Pending implements PendingBlob {
        private final Path file;
        private final FileChannel channel;
        private long size;
        private boolean open = true;

        Pending(Path file, FileChannel channel) {
            this.file = file;
            this.channel = channel;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            if (!open) {
                throw new ClosedChannelException();
            }
            int n = src.remaining();
            while (src.hasRemaining()) {
                channel.write(src);
            }
            size += n;
            return n;
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public void commit(ContentId id) throws IOException {
            if (!open) {
                throw new IllegalStateException("this blob write to " + file + " was already committed or aborted");
            }
            open = false;
            try {
                channel.force(true);
                channel.close();
                Path target = pathOf(id);
                Path fanOut = target.getParent();
                createFanOut(fanOut);
                if (Files.exists(target)) {
                    // Same id, same bytes: keep the blob already there.
                    Files.delete(file);
                    return;
                }
                Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
                forceDirectory(fanOut);
            } catch (IOException | RuntimeException e) {
                deleteQuietly();
                throw e;
            }
        }

        @Override
        public void abort() {
            if (!open) {
                return;
            }
            open = false;
            deleteQuietly();
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            abort();
        }

        private void deleteQuietly() {
            try {
                channel.close();
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // The start-up sweep deletes whatever is left here.
                log.warn("Could not delete unfinished blob write {}: {}", file, e.toString());
            }
        }
    }
}
