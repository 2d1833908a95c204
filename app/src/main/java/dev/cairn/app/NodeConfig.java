package dev.cairn.app;

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

/**
 * The node's configuration, read once from the environment.
 *
 * @param dataDir absolute path of the node's data directory ({@code DATA_DIR}, default {@code ./data})
 */
public record NodeConfig(Path dataDir) {
    public static final String DATA_DIR = "DATA_DIR";

    private static final String DATA_DIR_ALLOWED =
            "a path to a directory, created if missing (unset: ./data relative to the working directory)";

    public NodeConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        dataDir = dataDir.toAbsolutePath().normalize();
    }

    /**
     * Reads the configuration from {@code env}, failing on the first bad value.
     *
     * @throws ConfigException naming the variable, its value and what is allowed
     */
    public static NodeConfig fromEnv(Map<String, String> env) {
        return new NodeConfig(dataDir(env.get(DATA_DIR)));
    }

    /** The node's private key, {@code DATA_DIR/node.key}. */
    public Path nodeKeyFile() {
        return dataDir.resolve("node.key");
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
        if (value == null) {
            return Path.of("data");
        }
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
