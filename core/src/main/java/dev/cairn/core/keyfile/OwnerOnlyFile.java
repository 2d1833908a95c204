package dev.cairn.core.keyfile;

import dev.cairn.core.port.Clock;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small secret on disk (the node key, the master key): created atomically with mode 0600, refused when anyone but
 * its owner may access it. Callers add their file's format and turn a {@link Refused} into their own exception, which
 * names the file's role.
 *
 * <p>Only POSIX file systems are supported, because elsewhere the owner-only check cannot be made.
 */
public final class OwnerOnlyFile {
    private static final Logger log = LoggerFactory.getLogger(OwnerOnlyFile.class);
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_EXECUTE);
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_READ_WRITE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    /** How old a temporary file must be to count as abandoned; creating one takes milliseconds. */
    private static final long ABANDONED_AFTER_MILLIS = 60_000;

    private OwnerOnlyFile() {}

    /** Why a file must not be used; the problem never quotes the file's content. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String problem) {
            super(problem, null, false, false);
        }

        public String problem() {
            return getMessage();
        }
    }

    /**
     * The content of {@code path}, which must be a regular file of exactly {@code length} bytes that only its owner
     * may access.
     *
     * @throws NoSuchFileException if there is no such file
     * @throws Refused saying what is wrong with it
     */
    public static byte[] read(Path path, int length) throws IOException, Refused {
        PosixFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException e) {
            throw new Refused(
                    "it is on a file system without POSIX permissions, so it cannot be checked to be private");
        }
        if (!attributes.isRegularFile()) {
            throw new Refused("it is not a regular file");
        }
        Set<PosixFilePermission> permissions = attributes.permissions();
        if (permissions.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
            throw new Refused("its permissions are " + PosixFilePermissions.toString(permissions) + " ("
                    + octal(permissions) + ") but it must be accessible by its owner only: chmod 600 " + path);
        }
        if (attributes.size() != length) {
            throw new Refused("it has " + attributes.size() + " bytes but must have exactly " + length);
        }
        byte[] content = Files.readAllBytes(path);
        if (content.length != length) {
            throw new Refused("it changed size while being read");
        }
        return content;
    }

    /**
     * Creates {@code path} holding {@code content} unless it exists, and says whether this call created it.
     *
     * <p>The content goes to a temporary file created with mode 0600 in the same system call (a umask can only remove
     * bits), is forced to disk, and is then hard-linked to {@code path}. A link never replaces an existing file, so two
     * processes racing here agree on whichever content was linked first, and a crash never leaves a partial file under
     * {@code path}. The directory must exist.
     */
    public static boolean createIfAbsent(Path path, byte[] content) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        Path tmp;
        try {
            tmp = Files.createTempFile(dir, "." + path.getFileName() + ".", ".tmp", OWNER_READ_WRITE);
        } catch (UnsupportedOperationException e) {
            throw new IOException(
                    path + " is on a file system without POSIX permissions, so it cannot be kept private", e);
        }
        try {
            try (var channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            if (!publish(tmp, path)) {
                return false;
            }
            syncDirectory(dir);
            return true;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Deletes the temporary files of {@link #createIfAbsent} for {@code path} that are older than a minute by
     * {@code clock}: a creator killed mid-way left them, and they hold a secret that is nobody's.
     */
    public static void sweepAbandonedTemporaries(Path path, Clock clock) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        String prefix = "." + path.getFileName() + ".";
        long cutoff = clock.millis() - ABANDONED_AFTER_MILLIS;
        try (var entries = Files.newDirectoryStream(dir, entry -> {
            String name = entry.getFileName().toString();
            return name.startsWith(prefix) && name.endsWith(".tmp");
        })) {
            for (Path entry : entries) {
                try {
                    if (Files.getLastModifiedTime(entry, LinkOption.NOFOLLOW_LINKS)
                                    .toMillis()
                            < cutoff) {
                        Files.deleteIfExists(entry);
                    }
                } catch (NoSuchFileException gone) {
                    // its creator finished with it between the listing and now
                }
            }
        }
    }

    /** Links {@code tmp} to {@code path} unless {@code path} exists; false if it did. */
    private static boolean publish(Path tmp, Path path) throws IOException {
        try {
            Files.createLink(path, tmp);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (UnsupportedOperationException | FileSystemException e) {
            // No hard links on this file system (EPERM from link(2) on some): an atomic rename still never exposes a
            // partial file, though a creator racing this one may replace it. A real I/O failure recurs in the move.
            if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE);
            return true;
        }
    }

    /** Makes the new directory entry durable; where a directory cannot be opened, the link is as durable as it gets. */
    private static void syncDirectory(Path dir) {
        try (var channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            log.debug("could not sync directory {}: {}", dir, e.toString());
        }
    }

    private static String octal(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission p : permissions) {
            mode |= 1 << (8 - p.ordinal());
        }
        return String.format("0%03o", mode);
    }
}
