package dev.cairn.core.id;

import dev.cairn.core.port.Clock;
import dev.cairn.core.port.SystemClock;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node key on disk: created once with owner-only permissions, loaded on every start, refused when unsafe or damaged.
 *
 * <p>The format (version 1) is exactly 161 ASCII bytes, three lines each ending in {@code \n}:
 *
 * <pre>
 * cairn-node-key-v1
 * seed=&lt;64 lowercase hex: the 32-byte RFC 8032 Ed25519 secret key&gt;
 * node-id=&lt;64 lowercase hex: BLAKE3-256 of the public key derived from the seed&gt;
 * </pre>
 *
 * The {@code node-id} line is a check: any damage to either line makes the derived NodeId disagree with it. A file that
 * is group- or world-accessible, of another size or shape, or failing the check is refused, never regenerated, because a
 * new key silently gives the node a new identity.
 */
public final class NodeKeyFile {
    static final String HEADER = "cairn-node-key-v1";
    private static final String SEED = "seed=";
    private static final String NODE_ID = "node-id=";
    static final int LENGTH = HEADER.length() + 1 + SEED.length() + 64 + 1 + NODE_ID.length() + 64 + 1;

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_EXECUTE);
    private static final HexFormat HEX = HexFormat.of();
    private static final Logger log = LoggerFactory.getLogger(NodeKeyFile.class);

    /** How old a temporary key file must be to count as abandoned. */
    private static final long ABANDONED_AFTER_MILLIS = 60_000;

    private NodeKeyFile() {}

    /**
     * The identity stored at {@code file}, creating the file with a new key from {@code random} if there is none.
     *
     * <p>The directory must exist. Creation writes a temporary 0600 file in the same directory, flushes it to disk and
     * links it into place only if {@code file} still does not exist, so a crash never leaves a partial key and two
     * processes racing to create it end up with the same identity.
     *
     * @throws InvalidNodeKeyFileException if the existing file must not be used
     * @throws IOException if the file cannot be read or created
     */
    public static NodeIdentity loadOrCreate(Path file, SecureRandom random) throws IOException {
        return loadOrCreate(file, random, SystemClock.INSTANCE);
    }

    /**
     * As {@link #loadOrCreate(Path, SecureRandom)}, first deleting temporary key files older than a minute by
     * {@code clock}, which a creator killed mid-way left behind.
     */
    public static NodeIdentity loadOrCreate(Path file, SecureRandom random, Clock clock) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        sweepAbandonedTemporaries(file, clock);
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return load(file);
        }
        NodeIdentity created = NodeIdentity.generate(random);
        Path tmp;
        try {
            tmp = Files.createTempFile(
                    dir, "." + file.getFileName() + ".", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (UnsupportedOperationException e) {
            throw noPosixPermissions(file, e);
        }
        try {
            try (var channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer content = ByteBuffer.wrap(format(created));
                while (content.hasRemaining()) {
                    channel.write(content);
                }
                channel.force(true);
            }
            if (!publish(tmp, file)) {
                return load(file); // another process created it first: its key is the node's key
            }
            syncDirectory(dir);
        } finally {
            Files.deleteIfExists(tmp);
        }
        log.info("created node key file {} for NodeId {}", file, created.nodeId());
        return created;
    }

    /**
     * Deletes temporary key files that a creator killed mid-way left behind: they hold a seed that is no node's key.
     * Only old ones, since a creator still running may own a young one; creation takes milliseconds.
     */
    private static void sweepAbandonedTemporaries(Path file, Clock clock) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        String prefix = "." + file.getFileName() + ".";
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
                } catch (java.nio.file.NoSuchFileException gone) {
                    // its creator finished with it between the listing and now
                }
            }
        }
    }

    /**
     * The identity stored at {@code file}.
     *
     * @throws java.nio.file.NoSuchFileException if there is no such file
     * @throws InvalidNodeKeyFileException if it is accessible by group or others, or not a valid version-1 key file
     */
    public static NodeIdentity load(Path file) throws IOException {
        PosixFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, PosixFileAttributes.class);
        } catch (UnsupportedOperationException e) {
            throw noPosixPermissions(file, e);
        }
        if (!attributes.isRegularFile()) {
            throw new InvalidNodeKeyFileException(file, "not a regular file");
        }
        Set<PosixFilePermission> permissions = attributes.permissions();
        if (permissions.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
            throw new InvalidNodeKeyFileException(
                    file,
                    "its permissions are "
                            + PosixFilePermissions.toString(permissions)
                            + " but a private key must be accessible by its owner only (chmod 600 " + file + ")");
        }
        if (attributes.size() != LENGTH) {
            throw new InvalidNodeKeyFileException(
                    file,
                    "it has " + attributes.size() + " bytes but a version-1 node key file has exactly " + LENGTH
                            + " (truncated, or not a node key file)");
        }
        return parse(file, Files.readAllBytes(file));
    }

    /** The version-1 file content for {@code identity}. */
    static byte[] format(NodeIdentity identity) {
        return (HEADER + "\n" + SEED + HEX.formatHex(identity.seed()) + "\n" + NODE_ID
                        + identity.nodeId().hex() + "\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static NodeIdentity parse(Path file, byte[] content) throws InvalidNodeKeyFileException {
        if (content.length != LENGTH) {
            throw new InvalidNodeKeyFileException(file, "it changed size while being read");
        }
        // ISO-8859-1 maps every byte to one char, so offsets stay byte offsets and no decoding error can hide a byte.
        String[] lines = new String(content, StandardCharsets.ISO_8859_1).split("\n", -1);
        if (!lines[0].equals(HEADER)) {
            throw new InvalidNodeKeyFileException(
                    file, "its first line is not '" + HEADER + "' (not a node key file, or another version)");
        }
        if (lines.length != 4 || !lines[3].isEmpty()) {
            throw new InvalidNodeKeyFileException(file, "it does not have exactly three lines, each ending in \\n");
        }
        String seedHex = field(file, lines[1], SEED, 2);
        String nodeIdHex = field(file, lines[2], NODE_ID, 3);
        NodeIdentity identity = NodeIdentity.fromSeed(HEX.parseHex(seedHex));
        if (!identity.nodeId().hex().equals(nodeIdHex)) {
            throw new InvalidNodeKeyFileException(
                    file,
                    "it is corrupt: its node-id line says " + nodeIdHex + " but its seed gives NodeId "
                            + identity.nodeId());
        }
        return identity;
    }

    /** The 64 lowercase hex characters after {@code name}; the message never quotes the line, which may be the seed. */
    private static String field(Path file, String line, String name, int lineNumber)
            throws InvalidNodeKeyFileException {
        String value = line.startsWith(name) ? line.substring(name.length()) : "";
        if (value.length() != 64 || !value.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            throw new InvalidNodeKeyFileException(
                    file, "line " + lineNumber + " is not '" + name + "' followed by 64 lowercase hex characters");
        }
        return value;
    }

    private static IOException noPosixPermissions(Path file, UnsupportedOperationException e) {
        return new IOException(
                "node key file " + file + " is on a file system without POSIX permissions, so it"
                        + " cannot be kept readable by its owner only",
                e);
    }

    /** Links {@code tmp} to {@code file} unless {@code file} exists; false if it did. */
    private static boolean publish(Path tmp, Path file) throws IOException {
        try {
            Files.createLink(file, tmp);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (UnsupportedOperationException | FileSystemException e) {
            // No hard links on this file system (EPERM from link(2) on some): an atomic rename still never exposes a
            // partial file, though a creator racing this one may replace it. A real I/O failure recurs in the move.
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            return true;
        }
    }

    /** Makes the new directory entry durable; where a directory cannot be opened, the rename is as durable as it gets. */
    private static void syncDirectory(Path dir) {
        try (var channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            log.debug("could not sync directory {} after creating the node key: {}", dir, e.toString());
        }
    }
}
