package dev.cairn.app.config;

import java.util.Objects;
import java.util.Optional;

/**
 * Where the node keeps its state, and how large one content may be.
 *
 * @param dataDir {@code DATA_DIR}
 * @param databaseUrl {@code DATABASE_URL}, passed as given to the PostgreSQL adapter; empty means the embedded
 *     database under the data directory. A secret: it may carry a password
 * @param maxContentSizeMb {@code MAX_CONTENT_SIZE_MB}: the largest upload accepted, in MiB
 */
public record StorageConfig(DataDir dataDir, Optional<Secret> databaseUrl, long maxContentSizeMb) {
    public StorageConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(databaseUrl, "databaseUrl");
    }

    /** {@link #maxContentSizeMb} in bytes. */
    public long maxContentBytes() {
        return maxContentSizeMb << 20;
    }
}
