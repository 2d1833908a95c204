package dev.cairn.adapters.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's database, open and migrated: the HikariCP pool, a jOOQ {@link DSLContext} on it, and the embedded server
 * when no {@code DATABASE_URL} was given. Closing it closes the pool, then stops the embedded server.
 *
 * <p>The app calls {@link #open(DatabaseSettings)} once at start-up and hands {@link #dsl()} to the stores
 * ({@link PostgresRecordStore}, {@link PostgresUserStore}, ...).
 */
public final class PostgresDatabase implements AutoCloseable {
    /** The database the embedded server holds the node's tables in. */
    public static final String EMBEDDED_DATABASE = "cairn";

    static {
        // jOOQ prints a banner and tips on first use unless told not to.
        System.setProperty("org.jooq.no-logo", System.getProperty("org.jooq.no-logo", "true"));
        System.setProperty("org.jooq.no-tips", System.getProperty("org.jooq.no-tips", "true"));
    }

    private static final Logger log = LoggerFactory.getLogger(PostgresDatabase.class);

    private final HikariDataSource pool;
    private final DSLContext dsl;
    private final Optional<EmbeddedPostgresServer> embedded;

    private PostgresDatabase(HikariDataSource pool, Optional<EmbeddedPostgresServer> embedded) {
        this.pool = pool;
        this.dsl = DSL.using(pool, SQLDialect.POSTGRES);
        this.embedded = embedded;
    }

    /**
     * Connects to the database {@code settings} name (starting the embedded one if no URL is set) and applies every
     * pending Flyway migration.
     *
     * @throws IllegalStateException if the database cannot be reached or migrated, naming where it was looked for
     */
    public static PostgresDatabase open(DatabaseSettings settings) {
        Objects.requireNonNull(settings, "settings");
        Optional<EmbeddedPostgresServer> embedded = Optional.empty();
        DatabaseUrl url;
        if (settings.url().isPresent()) {
            url = settings.url().get();
        } else {
            try {
                embedded = Optional.of(EmbeddedPostgresServer.start(
                        settings.embeddedDataDirectory(),
                        settings.embeddedBinariesDirectory(),
                        settings.embeddedUser()));
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "could not start the embedded PostgreSQL in " + settings.embeddedDataDirectory() + ": "
                                + e.getMessage(),
                        e);
            }
            embedded.get().createDatabaseIfAbsent(EMBEDDED_DATABASE);
            url = DatabaseUrl.parse(embedded.get().jdbcUrl(EMBEDDED_DATABASE));
        }
        HikariDataSource pool = null;
        try {
            pool = new HikariDataSource(poolConfig(url, settings));
            migrate(pool);
            log.info("Database {} open and migrated, pool of {}", url.redacted(), settings.poolSize());
            return new PostgresDatabase(pool, embedded);
        } catch (RuntimeException e) {
            if (pool != null) {
                pool.close();
            }
            embedded.ifPresent(EmbeddedPostgresServer::close);
            throw new IllegalStateException("could not open database " + url.redacted() + ": " + e.getMessage(), e);
        }
    }

    private static HikariConfig poolConfig(DatabaseUrl url, DatabaseSettings settings) {
        var config = new HikariConfig();
        config.setPoolName("cairn-postgres");
        config.setJdbcUrl(url.jdbcUrl());
        url.user().ifPresent(config::setUsername);
        url.password().ifPresent(config::setPassword);
        config.setMaximumPoolSize(settings.poolSize());
        // Two warm connections; the rest are opened under load and closed after five idle minutes.
        int minimumIdle = Math.min(2, settings.poolSize());
        config.setMinimumIdle(minimumIdle);
        if (minimumIdle < settings.poolSize()) {
            config.setIdleTimeout(Duration.ofMinutes(5).toMillis());
        }
        config.setConnectionTimeout(settings.connectionTimeout().toMillis());
        config.setValidationTimeout(Duration.ofSeconds(3).toMillis());
        // Below a typical server or proxy idle cut-off, so the pool replaces connections before they are dropped.
        config.setKeepaliveTime(Duration.ofMinutes(2).toMillis());
        config.setMaxLifetime(Duration.ofMinutes(30).toMillis());
        // Fail at once, with the server's message, rather than time out in the first request.
        config.setInitializationFailTimeout(settings.connectionTimeout().toMillis());
        config.addDataSourceProperty("ApplicationName", "cairn");
        config.addDataSourceProperty("tcpKeepAlive", "true");
        return config;
    }

    private static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .load()
                .migrate();
    }

    public DataSource dataSource() {
        return pool;
    }

    public DSLContext dsl() {
        return dsl;
    }

    /** The embedded server, when this database runs one. */
    public Optional<EmbeddedPostgresServer> embeddedServer() {
        return embedded;
    }

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws (the exception
     * passes through). Use the {@link DSLContext} it is given, not {@link #dsl()}, inside.
     */
    public <T> T transaction(Function<DSLContext, T> work) {
        return dsl.transactionResult(configuration -> work.apply(configuration.dsl()));
    }

    @Override
    public void close() {
        pool.close();
        embedded.ifPresent(EmbeddedPostgresServer::close);
    }
}
