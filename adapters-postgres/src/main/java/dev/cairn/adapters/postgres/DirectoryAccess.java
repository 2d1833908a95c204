package dev.cairn.adapters.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** File ownership and traversal checks for running the embedded PostgreSQL as another user than this process. */
final class DirectoryAccess {
    private DirectoryAccess() {}

    /** The effective uid of this process; /proc/self belongs to it. */
    static int currentUid() throws IOException {
        return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    }

    /**
     * Makes sure {@code user} can reach {@code target}: every ancestor must be searchable (x) by it. The node's own
     * data directory ({@code ownDirectory}) is made searchable by others (mode 0700 becomes 0711: they may enter it
     * but not list it, and each secret in it is 0600 anyway); any other ancestor that is not searchable is an error
     * naming it, since changing directories outside the data directory is the operator's call.
     */
    static void ensureTraversable(Path target, Path ownDirectory, UnixUser user) throws IOException {
        Path own = ownDirectory.toAbsolutePath().normalize();
        for (Path dir = target.toAbsolutePath().normalize().getParent(); dir != null; dir = dir.getParent()) {
            if (searchable(dir, user)) {
                continue;
            }
            if (dir.equals(own)) {
                int mode = (Integer) Files.getAttribute(dir, "unix:mode");
                Files.setAttribute(dir, "unix:mode", (mode & 07777) | 0001);
                continue;
            }
            throw new IOException("the embedded PostgreSQL runs as uid " + user.uid() + " (PostgreSQL refuses root),"
                    + " which cannot enter " + dir + " on the way to " + target + "; run 'chmod o+x " + dir
                    + "', choose a DATA_DIR whose parents others may enter, or set DATABASE_URL");
        }
    }

    private static boolean searchable(Path dir, UnixUser user) throws IOException {
        int mode = (Integer) Files.getAttribute(dir, "unix:mode");
        int owner = (Integer) Files.getAttribute(dir, "unix:uid");
        int group = (Integer) Files.getAttribute(dir, "unix:gid");
        if (owner == user.uid()) {
            return (mode & 0100) != 0;
        }
        if (group == user.gid()) {
            return (mode & 0010) != 0;
        }
        return (mode & 0001) != 0;
    }

    /** Creates {@code dir} (mode 0700) if missing and gives it, and everything in it, to {@code user}. */
    static void giveTo(Path dir, UnixUser user) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            Files.setAttribute(dir, "unix:mode", 0700);
        }
        if (ownedBy(dir, user)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.naturalOrder()).toList()) {
                Files.setAttribute(p, "unix:uid", user.uid(), LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(p, "unix:gid", user.gid(), LinkOption.NOFOLLOW_LINKS);
            }
        }
    }

    private static boolean ownedBy(Path dir, UnixUser user) throws IOException {
        return (Integer) Files.getAttribute(dir, "unix:uid") == user.uid()
                && (Integer) Files.getAttribute(dir, "unix:gid") == user.gid();
    }
}
