package dev.cairn.app.config;

import dev.cairn.adapters.http.upload.TusHookConfig;
import dev.cairn.adapters.postgres.DatabaseSettings;
import dev.cairn.core.upload.UploadConfig;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the node keeps its state, how large one content may be, how long an unfinished upload is kept, and the hooks
 * of a tusd in front. {@link #toString()} shows neither the database password ({@code DatabaseUrl} redacts itself) nor
 * the hook secret ({@link TusHookConfig} hides it).
 *
 * @param dataDir {@code DATA_DIR}
 * @param database {@code DATABASE_*}, as the PostgreSQL adapter reads them: an external database or the embedded one
 *     under {@code dataDir}, and the pool's limits
 * @param maxContentSizeMb {@code MAX_CONTENT_SIZE_MB}: the largest upload accepted, in MiB
 * @param uploadExpiry {@code UPLOAD_EXPIRY_SEC}: how long after its creation an unfinished upload is kept
 * @param tusHook {@code TUS_HOOK_SECRET} and {@code TUS_HOOK_UPLOAD_DIR}, set together; empty: the hook route is off
 */
public record StorageConfig(
        DataDir dataDir,
        DatabaseSettings database,
        long maxContentSizeMb,
        Duration uploadExpiry,
        Optional<TusHookConfig> tusHook) {
    public StorageConfig {
        Objects.requireNonNull(tusHook, "tusHook");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(uploadExpiry, "uploadExpiry");
        if (!database.dataDir().equals(dataDir.dataDir())) {
            // The embedded database lives in the data directory; two different ones would split the node's state.
            throw new IllegalArgumentException(
                    "the database's data directory " + database.dataDir() + " is not the node's, " + dataDir.dataDir());
        }
    }

    /** {@link #maxContentSizeMb} in bytes. */
    public long maxContentBytes() {
        return maxContentSizeMb << 20;
    }

    /** The upload pipeline's rules: the size limit, the expiry, and core's default for hash states in memory. */
    public UploadConfig uploads() {
        return new UploadConfig(Math.toIntExact(maxContentSizeMb), uploadExpiry, UploadConfig.DEFAULT_LIVE_HASH_LIMIT);
    }
}
