package dev.cairn.adapters.ffmpeg;

import dev.cairn.core.encryption.CtrCipher;
import dev.cairn.core.port.RandomBytes;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The directory where renditions are muxed before they are stored ({@code <DATA_DIR>/conversion}). Its files hold
 * only ciphertext under keys that never leave memory (see {@link ScratchFile}), are created 0600 and unlinked as soon
 * as they are open, so a crash leaves nothing behind on Linux; {@link #open} still sweeps whatever another system
 * left, under an exclusive lock so that two processes never share (and sweep) one directory.
 */
public final class ScratchSpace implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ScratchSpace.class);
    private static final String LOCK = ".lock";

    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final CtrCipher cipher;
    private final RandomBytes random;

    private ScratchSpace(Path dir, FileChannel lockChannel, FileLock lock, CtrCipher cipher, RandomBytes random) {
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.cipher = cipher;
        this.random = random;
    }

    /** Opens (creating, mode 0700) {@code dir}, locks it and deletes every file left in it. */
    public static ScratchSpace open(Path dir, CtrCipher cipher, RandomBytes random) throws IOException {
        Objects.requireNonNull(cipher, "cipher");
        Objects.requireNonNull(random, "random");
        Files.createDirectories(
                dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        FileChannel channel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new IOException("the conversion scratch directory " + dir + " is in use by another process or"
                    + " store; give each node its own DATA_DIR");
        }
        int swept = 0;
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(dir, p -> !p.endsWith(LOCK))) {
            for (Path leftover : leftovers) {
                Files.deleteIfExists(leftover);
                swept++;
            }
        }
        if (swept > 0) {
            log.info("Swept {} leftover scratch files from {}", swept, dir);
        }
        return new ScratchSpace(dir, channel, lock, cipher, random);
    }

    /** A new, empty scratch file under a fresh key. */
    ScratchFile create() throws IOException {
        return ScratchFile.create(dir, cipher, random);
    }

    public Path directory() {
        return dir;
    }

    @Override
    public void close() throws IOException {
        try (lockChannel) {
            lock.release();
        }
    }
}
