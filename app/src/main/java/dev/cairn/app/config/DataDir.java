package dev.cairn.app.config;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The node's data directory, which holds its keys, database, blobs and uploads in progress.
 *
 * @param dataDir absolute path of the node's data directory ({@code DATA_DIR}, default {@code ./data})
 */
public record DataDir(Path dataDir) {
    public static final String DATA_DIR = "DATA_DIR";

    private static final String DATA_DIR_ALLOWED =
            "a path to a directory, created if missing (unset: ./data relative to the working directory)";

    public DataDir {
        Objects.requireNonNull(dataDir, "dataDir");
        dataDir = dataDir.toAbsolutePath().normalize();
    }

    /**
     * Reads only {@code DATA_DIR}, for commands that need nothing else.
     *
     * @throws ConfigException naming the variable, its value and what is allowed
     */
    public static DataDir fromEnv(Map<String, String> env) {
        var reader = new Env(env);
        DataDir dataDir = read(reader);
        if (!reader.problems().isEmpty()) {
            throw new ConfigException(reader.problems());
        }
        return dataDir;
    }

    static DataDir read(Env env) {
        // Unlike other variables, an empty DATA_DIR is refused, not taken as unset: falling back to ./data would
        // quietly give the node a second identity in another place.
        Optional<String> value =
                env.raw(DATA_DIR).or(() -> Optional.ofNullable(env.all().get(DATA_DIR)));
        try {
            return new DataDir(value.isEmpty() ? Path.of("data") : dataDir(value.get()));
        } catch (ConfigException e) {
            e.problems().forEach(p -> env.problem(p.variable(), p.shownValue(), p.problem(), p.allowed()));
            return new DataDir(Path.of("data"));
        }
    }

    /** The node's private key, {@code DATA_DIR/node.key}. */
    public Path nodeKeyFile() {
        return dataDir.resolve("node.key");
    }

    /** The master key that wraps every content key, {@code DATA_DIR/master.key}; losing it loses every content. */
    public Path masterKeyFile() {
        return dataDir.resolve("master.key");
    }

    /**
     * The data directory, created (owner-only, 0700) with any missing parents if it does not exist yet.
     *
     * @throws ConfigException if it cannot be created
     */
    public Path createDataDir() {
        try {
            return Files.createDirectories(
                    dataDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (FileAlreadyExistsException e) {
            throw new ConfigException(DATA_DIR, dataDir.toString(), "is not a directory", DATA_DIR_ALLOWED);
        } catch (AccessDeniedException e) {
            throw cannotCreate("permission denied on " + e.getFile());
        } catch (FileSystemException e) {
            throw cannotCreate(e.getFile() + ": " + e.getReason());
        } catch (IOException | UnsupportedOperationException e) {
            throw cannotCreate(e.toString());
        }
    }

    private ConfigException cannotCreate(String why) {
        return new ConfigException(DATA_DIR, dataDir.toString(), "cannot be created (" + why + ")", DATA_DIR_ALLOWED);
    }

    private static Path dataDir(String value) {
        if (value.isBlank()) {
            throw new ConfigException(DATA_DIR, value, "is empty", DATA_DIR_ALLOWED);
        }
        Path path;
        try {
            path = Path.of(value);
        } catch (InvalidPathException e) {
            throw new ConfigException(DATA_DIR, value, "is not a valid path (" + e.getReason() + ")", DATA_DIR_ALLOWED);
        }
        if (Files.exists(path) && !Files.isDirectory(path)) {
            throw new ConfigException(DATA_DIR, value, "is not a directory", DATA_DIR_ALLOWED);
        }
        return path;
    }
}
