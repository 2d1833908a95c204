package dev.cairn.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.user.TelegramProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The embedded server on a node's own data directory: kept across restarts, clean after a kill. */
class EmbeddedPostgresLifecycleTest {
    private static final Instant SEEN = Instant.parse("2026-11-25T10:00:00Z");
    private static final TelegramProfile ALICE =
            new TelegramProfile(42, "Alice", Optional.empty(), Optional.of("alice"), Optional.of("en"), false);

    private static DatabaseSettings settings(Path dataDir) {
        return DatabaseSettings.embedded(dataDir).withPoolSize(2);
    }

    @Test
    void dataWrittenBeforeACloseIsThereAfterTheNextOpen() throws IOException {
        Path dataDir = TestPostgres.newDataDir();
        try (var database = PostgresDatabase.open(settings(dataDir))) {
            new PostgresUserStore(database.dsl()).upsert(ALICE, SEEN);
        }

        Path cluster = dataDir.resolve("postgres");
        // A clean (fast) shutdown removes the pid file last; a crash would leave it.
        assertThat(cluster.resolve("postmaster.pid")).doesNotExist();
        assertThat(cluster.resolve("PG_VERSION")).exists();
        if (DirectoryAccess.currentUid() == 0) {
            assertThat(Files.getAttribute(cluster, "unix:uid")).isEqualTo(UnixUser.NOBODY.uid());
        }

        try (var database = PostgresDatabase.open(settings(dataDir))) {
            assertThat(new PostgresUserStore(database.dsl()).find(42))
                    .map(u -> u.profile().firstName())
                    .contains("Alice");
        }
    }

    @Test
    void aPidFileLeftByAProcessThatIsNotPostgresDoesNotStopTheNextStart() throws IOException {
        Path dataDir = TestPostgres.newDataDir();
        try (var database = PostgresDatabase.open(settings(dataDir))) {
            new PostgresUserStore(database.dsl()).upsert(ALICE, SEEN);
        }
        // After a reboot the old postmaster's pid may belong to anything; this JVM is alive and is not PostgreSQL.
        Path pidFile = dataDir.resolve("postgres/postmaster.pid");
        Files.writeString(pidFile, ProcessHandle.current().pid() + "\n" + dataDir.resolve("postgres") + "\n");

        try (var database = PostgresDatabase.open(settings(dataDir))) {
            assertThat(new PostgresUserStore(database.dsl()).find(42)).isPresent();
        }
    }

    @Test
    void aServerLeftRunningByAKilledNodeIsStoppedAndTheNewOneServes() throws IOException, SQLException {
        Path dataDir = TestPostgres.newDataDir();
        Path cluster = dataDir.resolve("postgres");
        Path binaries = dataDir.resolve("postgres-binaries");
        // As after kill -9 of the node: pg_ctl detached the postmaster, which keeps running with its pid file.
        var orphan = EmbeddedPostgresServer.start(cluster, binaries, UnixUser.NOBODY);

        try (var next = EmbeddedPostgresServer.start(cluster, binaries, UnixUser.NOBODY)) {
            assertThat(canConnect(next.jdbcUrl("postgres"))).isTrue();
            assertThat(canConnect(orphan.jdbcUrl("postgres"))).isFalse();
        } finally {
            orphan.close(); // finds no server to stop; only logs
        }
        assertThat(cluster.resolve("postmaster.pid")).doesNotExist();
    }

    private static boolean canConnect(String jdbcUrl) {
        try (var c = DriverManager.getConnection(jdbcUrl)) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }
}
