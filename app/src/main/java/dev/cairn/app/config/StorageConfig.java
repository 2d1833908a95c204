package dev.cairn.app.config;

import dev.cairn.adapters.postgres.DatabaseSettings;
import java.util.Objects;

/**
 * Where the node keeps its state, and how large one content may be. {@link #toString()} never shows the database
 * password ({@code DatabaseUrl} redacts itself).
 *
 * @param dataDir {@code DATA_DIR}
 * @param database {@code DATABASE_*}, as the PostgreSQL adapter reads them: an external database or the embedded one
 *     under {@code dataDir}, and the pool's limits
 * @param maxContentSizeMb {@code MAX_CONTENT_SIZE_MB}: the largest upload accepted, in MiB
 */
public record StorageConfig(DataDir dataDir, DatabaseSettings database, long maxContentSizeMb) {
    public StorageConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(database, "database");
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
}
