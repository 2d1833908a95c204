package dev.cairn.adapters.postgres;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a node reaches its database: an external PostgreSQL ({@code DATABASE_URL}) or the embedded one under the data
 * directory, and the connection pool's limits.
 *
 * @param url the external database; empty to run the embedded PostgreSQL
 * @param dataDir the node's data directory: the embedded cluster lives in {@code <dataDir>/postgres}, its binaries in
 *     {@code <dataDir>/postgres-binaries}; unused with an external database
 * @param poolSize the most connections the pool opens
 * @param connectionTimeout how long a caller waits for a pooled connection before failing
 * @param embeddedUser whom the embedded server runs as when this process is root (PostgreSQL refuses root)
 */
public record DatabaseSettings(
        Optional<DatabaseUrl> url, Path dataDir, int poolSize, Duration connectionTimeout, UnixUser embeddedUser) {
    public static final String POOL_SIZE_VARIABLE = "DATABASE_POOL_SIZE";
    public static final String CONNECTION_TIMEOUT_VARIABLE = "DATABASE_CONNECTION_TIMEOUT_MS";
    public static final String EMBEDDED_USER_VARIABLE = "DATABASE_EMBEDDED_USER";
    public static final int MAX_POOL_SIZE = 200;
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(10);

    public DatabaseSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(connectionTimeout, "connectionTimeout");
        Objects.requireNonNull(embeddedUser, "embeddedUser");
        if (poolSize < 1 || poolSize > MAX_POOL_SIZE) {
            throw new IllegalArgumentException(
                    POOL_SIZE_VARIABLE + " must be from 1 to " + MAX_POOL_SIZE + ", got " + poolSize);
        }
        // HikariCP refuses less than 250 ms.
        if (connectionTimeout.compareTo(Duration.ofMillis(250)) < 0
                || connectionTimeout.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException(CONNECTION_TIMEOUT_VARIABLE + " must be from 250 to 600000 ms, got "
                    + connectionTimeout.toMillis());
        }
    }

    /** The embedded PostgreSQL under {@code dataDir}, with the default pool. */
    public static DatabaseSettings embedded(Path dataDir) {
        return new DatabaseSettings(
                Optional.empty(), dataDir, defaultPoolSize(), DEFAULT_CONNECTION_TIMEOUT, UnixUser.NOBODY);
    }

    /** An external PostgreSQL, with the default pool. */
    public static DatabaseSettings external(DatabaseUrl url, Path dataDir) {
        return new DatabaseSettings(
                Optional.of(url), dataDir, defaultPoolSize(), DEFAULT_CONNECTION_TIMEOUT, UnixUser.NOBODY);
    }

    /**
     * Reads {@code DATABASE_URL}, {@code DATABASE_POOL_SIZE}, {@code DATABASE_CONNECTION_TIMEOUT_MS} and
     * {@code DATABASE_EMBEDDED_USER} from {@code env}; absent or blank means the default.
     *
     * @throws IllegalArgumentException naming the variable, its value (never a password) and what is allowed
     */
    public static DatabaseSettings fromEnvironment(Map<String, String> env, Path dataDir) {
        Optional<DatabaseUrl> url = value(env, DatabaseUrl.VARIABLE).map(DatabaseUrl::parse);
        int poolSize = value(env, POOL_SIZE_VARIABLE)
                .map(v -> parseInt(POOL_SIZE_VARIABLE, v))
                .orElseGet(DatabaseSettings::defaultPoolSize);
        Duration timeout = value(env, CONNECTION_TIMEOUT_VARIABLE)
                .map(v -> Duration.ofMillis(parseInt(CONNECTION_TIMEOUT_VARIABLE, v)))
                .orElse(DEFAULT_CONNECTION_TIMEOUT);
        UnixUser user = value(env, EMBEDDED_USER_VARIABLE)
                .map(v -> UnixUser.parse(EMBEDDED_USER_VARIABLE, v))
                .orElse(UnixUser.NOBODY);
        return new DatabaseSettings(url, dataDir, poolSize, timeout, user);
    }

    /**
     * The default pool size: {@code 2 × CPU cores + 1}, at least 4, at most 32. PostgreSQL runs one process per
     * connection, and past about twice the cores more connections only queue inside the server (HikariCP's "About
     * Pool Sizing"; the +1 covers a connection blocked on disk). The floor of 4 lets request handling, the conversion
     * queue and DHT merges proceed side by side on a one-core machine; the cap keeps a big machine from exhausting
     * the server's {@code max_connections} for the other nodes that may share it.
     */
    public static int defaultPoolSize() {
        return poolSizeFor(Runtime.getRuntime().availableProcessors());
    }

    static int poolSizeFor(int cores) {
        return Math.clamp(2L * cores + 1, 4, 32);
    }

    public DatabaseSettings withPoolSize(int newPoolSize) {
        return new DatabaseSettings(url, dataDir, newPoolSize, connectionTimeout, embeddedUser);
    }

    /** Where the embedded cluster's data lives. */
    public Path embeddedDataDirectory() {
        return dataDir.resolve("postgres");
    }

    /** Where the embedded PostgreSQL binaries are unpacked. */
    public Path embeddedBinariesDirectory() {
        return dataDir.resolve("postgres-binaries");
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank());
    }

    private static int parseInt(String variable, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(variable + " must be a whole number, got '" + value + "'", e);
        }
    }
}
