package dev.cairn.adapters.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * One embedded PostgreSQL for the whole test JVM, started on first use, and a fresh database for each caller, so
 * test classes never see each other's rows and the suite starts the server once.
 */
final class TestPostgres {
    /** Shared by every server the tests start, so the binaries are unpacked once per machine, not per test. */
    static final Path BINARIES = Path.of(System.getProperty("java.io.tmpdir"), "cairn-test-postgres-binaries");

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgresServer server;

    private TestPostgres() {}

    static synchronized EmbeddedPostgresServer server() {
        if (server == null) {
            try {
                Path dataDir = newDataDir();
                server = EmbeddedPostgresServer.start(dataDir.resolve("postgres"), BINARIES, UnixUser.NOBODY);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return server;
    }

    /** A new, empty, migrated database on the shared server. */
    static PostgresDatabase freshDatabase() {
        String name = "test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        server().createDatabaseIfAbsent(name);
        var settings = DatabaseSettings.external(DatabaseUrl.parse(server().jdbcUrl(name)), Path.of("unused"))
                .withPoolSize(10);
        return PostgresDatabase.open(settings);
    }

    /**
     * A node data directory in the temporary directory (so the server's user can reach it wherever the checkout
     * lives), deleted when the JVM exits, its {@code postgres-binaries} linked to the shared unpacked binaries.
     */
    static Path newDataDir() throws IOException {
        Path dataDir = Files.createTempDirectory("cairn-test-node");
        Files.createDirectories(BINARIES);
        Files.createSymbolicLink(dataDir.resolve("postgres-binaries"), BINARIES);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // Servers stop in their own hooks; whichever finishes last, a leftover tree is only disk space.
            synchronized (TestPostgres.class) {
                if (server != null && dataDir.equals(server.dataDirectory().getParent())) {
                    server.close();
                }
            }
            deleteTree(dataDir);
        }));
        return dataDir;
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // Best effort at exit.
        }
    }
}
