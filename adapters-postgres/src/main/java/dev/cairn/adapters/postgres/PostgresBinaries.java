package dev.cairn.adapters.postgres;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * The PostgreSQL binaries of the embedded server (zonky's PostgreSQL 17 archive), unpacked once into a directory of
 * their own, readable by everyone, and the command lines that run them as the right user.
 *
 * <p>PostgreSQL refuses to run as root. When this process is root, every command runs through
 * {@code setpriv --reuid=<uid> --regid=<gid> --clear-groups}; {@code initdb} and {@code pg_ctl} start the real
 * {@code postgres} found next to themselves, so the server runs as that user too. When this process is not root, the
 * binaries run directly.
 */
final class PostgresBinaries {
    private static final String COMPLETE_MARKER = ".complete";
    private static final List<Path> SETPRIV_LOCATIONS =
            List.of(Path.of("/usr/bin/setpriv"), Path.of("/bin/setpriv"), Path.of("/usr/sbin/setpriv"));

    private final Path realBin;
    private final Optional<UnixUser> runAs;
    private final Optional<Path> setpriv;

    private PostgresBinaries(Path realBin, Optional<UnixUser> runAs, Optional<Path> setpriv) {
        this.realBin = realBin;
        this.runAs = runAs;
        this.setpriv = setpriv;
    }

    /**
     * Unpacks the binaries into {@code directory} unless a previous run did; {@code runAs} is empty when this process
     * may run PostgreSQL itself (it is not root).
     */
    static PostgresBinaries unpack(Path directory, Optional<UnixUser> runAs) throws IOException {
        Optional<Path> setpriv = Optional.empty();
        if (runAs.isPresent()) {
            setpriv = Optional.of(SETPRIV_LOCATIONS.stream()
                    .filter(Files::isExecutable)
                    .findFirst()
                    .orElseThrow(() -> new IOException("this process runs as root, so the embedded PostgreSQL must"
                            + " run as another user through setpriv, which is in none of " + SETPRIV_LOCATIONS
                            + " (install util-linux, or set DATABASE_URL to an external PostgreSQL)")));
        }
        byte[] archive;
        try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary("Linux", "x86_64")) {
            archive = in.readAllBytes();
        }
        Path target = directory.resolve("pg-" + sha256(archive).substring(0, 16));
        if (!Files.exists(target.resolve(COMPLETE_MARKER))) {
            extractOnce(archive, directory, target);
        }
        return new PostgresBinaries(target.resolve("bin"), runAs, setpriv);
    }

    Path binDirectory() {
        return realBin;
    }

    /** The command line that runs {@code program} (initdb, pg_ctl, ...) with {@code args} as the server's user. */
    List<String> command(String program, String... args) {
        var command = new ArrayList<String>();
        runAs.ifPresent(user -> command.addAll(List.of(
                setpriv.orElseThrow().toString(),
                "--reuid=" + user.uid(),
                "--regid=" + user.gid(),
                "--clear-groups",
                "--")));
        command.add(realBin.resolve(program).toString());
        command.addAll(List.of(args));
        return command;
    }

    /** Unpacks into a fresh sibling directory and renames it into place, so a crash never leaves half a tree. */
    private static void extractOnce(byte[] archive, Path directory, Path target) throws IOException {
        Files.createDirectories(directory);
        Path temporary = directory.resolve(".unpack-" + UUID.randomUUID());
        try {
            Files.createDirectory(temporary);
            extract(archive, temporary);
            Files.createFile(temporary.resolve(COMPLETE_MARKER));
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                // Another process unpacked the same archive first; theirs is as good as ours.
                if (!Files.exists(target.resolve(COMPLETE_MARKER))) {
                    throw new IOException("could not move unpacked PostgreSQL binaries to " + target, e);
                }
            } catch (IOException e) {
                if (!Files.exists(target.resolve(COMPLETE_MARKER))) {
                    throw e;
                }
            }
        } finally {
            deleteTree(temporary);
        }
    }

    private static void extract(byte[] archive, Path into) throws IOException {
        try (var tar = new TarArchiveInputStream(new XZInputStream(new ByteArrayInputStream(archive)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = into.resolve(entry.getName()).normalize();
                if (!path.startsWith(into)) {
                    throw new IOException("PostgreSQL archive entry escapes its directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else if (entry.isLink()) {
                    Files.createDirectories(path.getParent());
                    Files.copy(into.resolve(entry.getLinkName()), path);
                } else if (entry.isFile()) {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path);
                    // Readable by all, executable where the archive says so: the server's user is not the owner.
                    boolean executable = (entry.getMode() & 0111) != 0;
                    Files.setPosixFilePermissions(
                            path, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
                } else {
                    throw new IOException("unsupported entry in the PostgreSQL archive: " + entry.getName());
                }
            }
        }
        try (Stream<Path> dirs = Files.walk(into)) {
            for (Path dir : dirs.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .toList()) {
                Files.setPosixFilePermissions(dir, DIRECTORY_PERMISSIONS);
            }
        }
    }

    private static final Set<PosixFilePermission> DIRECTORY_PERMISSIONS = PosixFilePermissions.fromString("rwxr-xr-x");

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
