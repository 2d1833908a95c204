package dev.cairn.core.content.view;

import dev.cairn.core.keyfile.OwnerOnlyFile;
import dev.cairn.core.port.RandomBytes;
import dev.cairn.core.port.SystemClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's media URL key ({@code <DATA_DIR>/media-url.key}): {@value MediaSigner#KEY_LENGTH} random bytes, mode 0600,
 * created on first start like the master key (atomically, by a hard link, so concurrent first starts agree).
 *
 * <p>A file of its own rather than a key derived from the master key: deleting it (and restarting) invalidates every
 * outstanding media URL without touching the master key, which then keeps its one purpose (wrapping content keys);
 * and losing it costs only the URLs signed in the last few minutes, so, unlike the master key, it needs no backup.
 */
public final class MediaKeyFile {
    private static final Logger log = LoggerFactory.getLogger(MediaKeyFile.class);

    private MediaKeyFile() {}

    /** The key at {@code path}, created first if missing; an unsafe or malformed file is refused naming the path. */
    public static byte[] loadOrCreate(Path path, RandomBytes random) throws IOException {
        Files.createDirectories(path.toAbsolutePath().getParent());
        OwnerOnlyFile.sweepAbandonedTemporaries(path, SystemClock.INSTANCE);
        if (!Files.exists(path) && OwnerOnlyFile.createIfAbsent(path, random.bytes(MediaSigner.KEY_LENGTH))) {
            log.info("Created a new media URL key at {}", path);
        }
        try {
            return OwnerOnlyFile.read(path, MediaSigner.KEY_LENGTH);
        } catch (OwnerOnlyFile.Refused e) {
            throw new IOException("media URL key file " + path + ": " + e.problem());
        }
    }
}
