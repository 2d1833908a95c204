package dev.cairn.app.config;

import dev.cairn.adapters.postgres.DatabaseSettings;
import dev.cairn.core.upload.UploadConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the node keeps its state, how large one content may be and how long an unfinished upload is kept. {@link #toString()} never shows the database
 * password ({@code DatabaseUrl} redacts itself).
 *
 * @param dataDir {@code DATA_DIR}
 * @param database {@code DATABASE_*}, as the PostgreSQL adapter reads them: an external database or the embedded one
 *     under {@code dataDir}, and the pool's limits
 * @param maxContentSizeMb {@code MAX_CONTENT_SIZE_MB}: the largest upload accepted, in MiB
 * @param uploadExpiry {@code UPLOAD_EXPIRY_SEC}: how long after its creation an unfinished upload is kept
 */
public record StorageConfig(DataDir dataDir, DatabaseSettings database, long maxContentSizeMb, Duration uploadExpiry) {
    public StorageConfig {
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
