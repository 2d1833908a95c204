package dev.cairn.core.encryption;

import dev.cairn.core.keyfile.OwnerOnlyFile;
import dev.cairn.core.port.RandomBytes;
import dev.cairn.core.port.SystemClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
        Files.createDirectories(path.toAbsolutePath().getParent());
        // A creator killed mid-way leaves a temporary copy of a key that protects nothing: delete it.
        OwnerOnlyFile.sweepAbandonedTemporaries(path, SystemClock.INSTANCE);
        if (!Files.exists(path)) {
            MasterKey fresh = MasterKey.generate(random);
            byte[] key = fresh.toBytes();
            try {
                if (OwnerOnlyFile.createIfAbsent(path, key)) {
                    log.info("Created a new master key {} at {}", fresh.id(), path);
                } else {
                    log.info("Another process created master key file {} first; using that one", path);
                }
            } finally {
                java.util.Arrays.fill(key, (byte) 0);
            }
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
        byte[] key;
        try {
            key = OwnerOnlyFile.read(path, MasterKey.LENGTH);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new MasterKeyFileException(path, "does not exist");
        } catch (OwnerOnlyFile.Refused refused) {
            throw new MasterKeyFileException(path, "is refused: " + refused.problem());
        }
        MasterKey master = MasterKey.of(key, random);
        java.util.Arrays.fill(key, (byte) 0);
        log.info("Loaded master key {} from {}", master.id(), path);
        return master;
    }
}
