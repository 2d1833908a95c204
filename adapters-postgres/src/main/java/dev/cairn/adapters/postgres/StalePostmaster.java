package dev.cairn.adapters.postgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clears what a killed node leaves in its cluster directory before the server starts again.
 *
 * <p>{@code pg_ctl} detaches the postmaster, so a node killed with SIGKILL leaves its server running; the next start
 * would then fail on the existing {@code postmaster.pid}. That server is stopped (fast shutdown). A pid file whose
 * process is gone, or now belongs to something other than PostgreSQL (pids are reused after a reboot or in a fresh
 * container), is stale and removed; PostgreSQL itself would refuse to start over a reused pid.
 */
final class StalePostmaster {
    static final String PID_FILE = "postmaster.pid";
    private static final Logger log = LoggerFactory.getLogger(StalePostmaster.class);

    private final Path dataDirectory;
    private final PostgresBinaries binaries;

    StalePostmaster(Path dataDirectory, PostgresBinaries binaries) {
        this.dataDirectory = dataDirectory;
        this.binaries = binaries;
    }

    void clear() throws IOException {
        Path pidFile = dataDirectory.resolve(PID_FILE);
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        Optional<Long> pid = lines.isEmpty() ? Optional.empty() : parsePid(lines.getFirst());
        Optional<ProcessHandle> process = pid.flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
        if (process.isPresent() && servesThisDirectory(process.get())) {
            log.warn(
                    "A PostgreSQL server (pid {}) left running by an earlier process still serves {}; stopping it",
                    pid.get(),
                    dataDirectory);
            EmbeddedPostgresServer.run(
                    binaries.command("pg_ctl", "stop", "-D", dataDirectory.toString(), "-m", "fast", "-w", "-t", "60"));
            return;
        }
        if (process.isPresent() && process.get().info().command().isEmpty()) {
            // Alive but not ours to inspect: leave the decision to PostgreSQL, which names the pid if it refuses.
            return;
        }
        log.warn(
                "Removing stale {} of {} (pid {} is not a running PostgreSQL)",
                PID_FILE,
                dataDirectory,
                pid.map(String::valueOf).orElse("unreadable"));
        Files.delete(pidFile);
    }

    private boolean servesThisDirectory(ProcessHandle process) {
        var info = process.info();
        boolean postgres = info.command().map(c -> c.endsWith("/postgres")).orElse(false);
        boolean here = info.arguments()
                .map(args -> List.of(args).contains(dataDirectory.toString()))
                .orElse(false);
        return postgres && here;
    }

    private static Optional<Long> parsePid(String line) {
        try {
            return Optional.of(Long.parseLong(line.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
