package dev.cairn.core.encryption;

import dev.cairn.core.port.RandomBytes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the {@link MasterKey} in a file of exactly its 32 raw bytes, readable by its owner only (mode 0600).
 *
 * <p>Loading refuses a file that group or others may access in any way, that is not a regular file, or that is not 32
 * bytes: a leaked master key exposes every content of the node, and a wrong one would make every stored key fail to
 * unwrap, so start-up must stop with a message naming the path instead. Only POSIX file systems are supported, because
 * elsewhere the owner-only check cannot be made.
 */
public final class MasterKeyFile {
    private static final Logger log = LoggerFactory.getLogger(MasterKeyFile.class);
    private static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_EXECUTE);

    private MasterKeyFile() {}

    /**
     * Loads the master key at {@code path}, first creating it with a new random key if no file is there.
     *
     * <p>Creation is atomic: the key is written and forced to a 0600 temporary file in the same directory, which is then
     * hard-linked to {@code path}; a link never replaces an existing file, so two processes racing here end up sharing
     * whichever key was linked first, and a crash never leaves a short key file under {@code path}.
     *
     * @param random supplies the new key, if one is made, and the nonces of the key's wraps
     * @throws MasterKeyFileException if the file is unsafe or malformed
     */
    public static MasterKey loadOrCreate(Path path, RandomBytes random) throws IOException {
        if (!Files.exists(path)) {
            create(path.toAbsolutePath(), random);
        }
        return load(path, random);
    }

    /**
     * Loads the master key at {@code path}.
     *
     * @param random supplies the nonces of the key's wraps
     * @throws MasterKeyFileException if the file is missing, unsafe or malformed
     */
    public static MasterKey load(Path path, RandomBytes random) throws IOException {
        PosixFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, PosixFileAttributes.class);
        } catch (UnsupportedOperationException e) {
            throw new MasterKeyFileException(
                    path, "is on a file system without POSIX permissions, so it cannot be checked to be private");
        } catch (java.nio.file.NoSuchFileException e) {
            throw new MasterKeyFileException(path, "does not exist");
        }
        if (!attributes.isRegularFile()) {
            throw new MasterKeyFileException(path, "is not a regular file");
        }
        Set<PosixFilePermission> permissions = attributes.permissions();
        if (permissions.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
            throw new MasterKeyFileException(
                    path,
                    "is accessible by group or others (" + PosixFilePermissions.toString(permissions) + ", "
                            + octal(permissions) + "); it must be readable by its owner only: chmod 600 " + path);
        }
        byte[] key = Files.readAllBytes(path);
        if (key.length != MasterKey.LENGTH) {
            throw new MasterKeyFileException(
                    path, "holds " + key.length + " bytes; a master key is exactly " + MasterKey.LENGTH + " raw bytes");
        }
        MasterKey master = MasterKey.of(key, random);
        java.util.Arrays.fill(key, (byte) 0);
        log.info("Loaded master key {} from {}", master.id(), path);
        return master;
    }

    private static void create(Path path, RandomBytes random) throws IOException {
        Path dir = path.getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve("." + path.getFileName() + "." + HexFormat.of().formatHex(random.bytes(8)) + ".tmp");
        // Created with 0600 in the same system call (the umask can only remove bits), so the key is never visible.
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE));
        try {
            MasterKey fresh = MasterKey.generate(random);
            byte[] key = fresh.toBytes();
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(key);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            } finally {
                java.util.Arrays.fill(key, (byte) 0);
            }
            try {
                Files.createLink(path, tmp);
                log.info("Created a new master key {} at {}", fresh.id(), path);
            } catch (FileAlreadyExistsException e) {
                log.info("Another process created master key file {} first; using that one", path);
            }
            try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
                directory.force(true);
            }
        } finally {
            Files.deleteIfExists(tmp);
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
