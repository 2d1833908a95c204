package dev.cairn.adapters.postgres;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL 17 server run by this process on a cluster directory that survives restarts. It listens on a free
 * loopback port only (no Unix socket), trusts loopback connections as the superuser {@code postgres}, keeps
 * PostgreSQL's durable defaults ({@code fsync}, synchronous commit), and stops with a fast shutdown on
 * {@link #close()} or JVM exit, so the next start needs no recovery.
 *
 * <p>{@code initdb} and {@code pg_ctl} are run directly rather than through zonky's {@code EmbeddedPostgres}: as root,
 * zonky 2.2.2 wraps every command in {@code unshare -U}, which needs unprivileged user namespaces (often blocked in
 * containers) and leaves no way to switch to a real user. Here, as root, the server runs as
 * {@link DatabaseSettings#embeddedUser()} through {@code setpriv} (see {@link PostgresBinaries}); the cluster directory
 * is given to that user and its parents must be searchable by it ({@link DirectoryAccess}).
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(120);

    private final PostgresBinaries binaries;
    private final Path dataDirectory;
    private final int port;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook;

    private EmbeddedPostgresServer(PostgresBinaries binaries, Path dataDirectory, int port) {
        this.binaries = binaries;
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.shutdownHook = new Thread(this::stop, "embedded-postgres-stop");
    }

    /**
     * Starts a server on {@code dataDirectory}, creating the cluster on first use and reusing it afterwards.
     *
     * @param dataDirectory the cluster (PGDATA); its parent is the node's data directory
     * @param binariesDirectory where the PostgreSQL binaries are unpacked (servers of one version may share it)
     * @param userWhenRoot whom the server runs as if this process is root
     * @throws IOException naming the directory or command that failed, with PostgreSQL's own message
     */
    public static EmbeddedPostgresServer start(Path dataDirectory, Path binariesDirectory, UnixUser userWhenRoot)
            throws IOException {
        Path data = dataDirectory.toAbsolutePath().normalize();
        Path nodeDirectory = data.getParent();
        Optional<UnixUser> runAs = DirectoryAccess.currentUid() == 0 ? Optional.of(userWhenRoot) : Optional.empty();
        Files.createDirectories(nodeDirectory);
        PostgresBinaries binaries = PostgresBinaries.unpack(binariesDirectory.toAbsolutePath(), runAs);
        if (runAs.isPresent()) {
            DirectoryAccess.ensureTraversable(binaries.binDirectory(), nodeDirectory, runAs.get());
            DirectoryAccess.ensureTraversable(data, nodeDirectory, runAs.get());
            DirectoryAccess.giveTo(data, runAs.get());
        }
        if (!Files.exists(data.resolve("PG_VERSION"))) {
            initdb(binaries, data);
        }
        new StalePostmaster(data, binaries).clear();
        int port = freePort();
        // Server log: rotated daily by PostgreSQL itself into <cluster>/log, a week kept. The -l file only catches
        // what is printed before the log collector starts.
        String options = String.join(
                " ",
                "-p " + port,
                "-c listen_addresses=localhost",
                "-c unix_socket_directories=''",
                "-c logging_collector=on",
                "-c log_directory=log",
                "-c log_filename=postgresql-%a.log",
                "-c log_truncate_on_rotation=on",
                "-c log_rotation_age=1d",
                "-c log_rotation_size=0");
        run(binaries.command(
                "pg_ctl",
                "start",
                "-D",
                data.toString(),
                "-l",
                data.resolve("startup.log").toString(),
                "-o",
                options,
                "-w",
                "-t",
                Long.toString(COMMAND_TIMEOUT.toSeconds())));
        var server = new EmbeddedPostgresServer(binaries, data, port);
        Runtime.getRuntime().addShutdownHook(server.shutdownHook);
        log.info("Embedded PostgreSQL serves {} on port {}", data, port);
        return server;
    }

    private static void initdb(PostgresBinaries binaries, Path data) throws IOException {
        if (Files.isDirectory(data)) {
            try (var entries = Files.list(data)) {
                if (entries.findAny().isPresent()) {
                    throw new IOException(data + " holds files but no PostgreSQL cluster (no PG_VERSION); move it"
                            + " away so a new cluster can be created there");
                }
            }
        }
        log.info("Creating a PostgreSQL cluster in {}", data);
        run(binaries.command(
                "initdb", "-D", data.toString(), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C"));
    }

    public int port() {
        return port;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** A JDBC URL for {@code database} as the superuser {@code postgres} (no password: loopback is trusted). */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + checkName(database) + "?user=postgres";
    }

    /** Creates {@code database} unless it exists. */
    public void createDatabaseIfAbsent(String database) {
        checkName(database);
        try (var c = DriverManager.getConnection(jdbcUrl("postgres"));
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
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook is running or has run.
        }
    }

    /** Synchronized so that a close() racing the shutdown hook returns only once the server is down. */
    private synchronized void stop() {
        if (closed.getAndSet(true)) {
            return;
        }
        try {
            run(binaries.command(
                    "pg_ctl",
                    "stop",
                    "-D",
                    dataDirectory.toString(),
                    "-m",
                    "fast",
                    "-w",
                    "-t",
                    Long.toString(COMMAND_TIMEOUT.toSeconds())));
            log.info("Embedded PostgreSQL on {} stopped", dataDirectory);
        } catch (IOException e) {
            log.warn("Stopping the embedded PostgreSQL on {} failed: {}", dataDirectory, e.getMessage());
        }
    }

    /** Runs a PostgreSQL command to its end; a non-zero exit is an IOException carrying the command's output. */
    static void run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
        String output;
        try (var out = process.getInputStream()) {
            output = new String(out.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
        try {
            if (!process.waitFor(COMMAND_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(command + " did not finish in " + COMMAND_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command, e);
        }
        if (process.exitValue() != 0) {
            throw new IOException(command + " failed with exit code " + process.exitValue() + ": " + output);
        }
        log.debug("{}: {}", command, output);
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
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
