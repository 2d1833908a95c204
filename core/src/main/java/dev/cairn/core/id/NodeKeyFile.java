package dev.cairn.core.id;

import dev.cairn.core.hash.LowerHex;
import dev.cairn.core.keyfile.OwnerOnlyFile;
import dev.cairn.core.port.Clock;
import dev.cairn.core.port.SystemClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
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

    private static final HexFormat HEX = HexFormat.of();
    private static final Logger log = LoggerFactory.getLogger(NodeKeyFile.class);

    private NodeKeyFile() {}

    /**
     * The identity stored at {@code file}, creating the file with a new key from {@code random} if there is none.
     *
     * <p>The directory must exist. Creation is atomic and race-free ({@link OwnerOnlyFile#createIfAbsent}): a crash
     * never leaves a partial key and two processes racing to create it end up with the same identity.
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
        OwnerOnlyFile.sweepAbandonedTemporaries(file, clock);
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return load(file);
        }
        NodeIdentity created = NodeIdentity.generate(random);
        if (!OwnerOnlyFile.createIfAbsent(file, format(created))) {
            return load(file); // another process created it first: its key is the node's key
        }
        log.info("created node key file {} for NodeId {}", file, created.nodeId());
        return created;
    }

    /**
     * The identity stored at {@code file}.
     *
     * @throws java.nio.file.NoSuchFileException if there is no such file
     * @throws InvalidNodeKeyFileException if it is accessible by group or others, or not a valid version-1 key file
     */
    public static NodeIdentity load(Path file) throws IOException {
        try {
            return parse(file, OwnerOnlyFile.read(file, LENGTH));
        } catch (OwnerOnlyFile.Refused refused) {
            String hint = refused.problem().startsWith("it has ") ? " (truncated, or not a node key file)" : "";
            throw new InvalidNodeKeyFileException(file, refused.problem() + hint);
        }
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
        if (value.length() != 64 || !LowerHex.isLowerHex(value)) {
            throw new InvalidNodeKeyFileException(
                    file, "line " + lineNumber + " is not '" + name + "' followed by 64 lowercase hex characters");
        }
        return value;
    }
}
