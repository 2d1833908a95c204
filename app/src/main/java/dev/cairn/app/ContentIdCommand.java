package dev.cairn.app;

import dev.cairn.core.id.ContentId;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/** {@code cairn content-id FILE}: prints the ContentId of FILE taken as an encrypted blob, streaming it. */
final class ContentIdCommand implements Command {

    @Override
    public void run(List<String> args, PrintStream out) throws IOException {
        if (args.size() != 1) {
            throw new UsageException("content-id takes exactly one FILE, got " + args.size() + " arguments");
        }
        Path file;
        try {
            file = Path.of(args.getFirst());
        } catch (InvalidPathException e) {
            throw new UsageException("content-id: not a valid path: " + e.getMessage());
        }
        if (Files.isDirectory(file)) {
            throw new IOException(file + " is a directory, not a file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            out.print(ContentId.ofBlob(in).hex() + "\n");
        }
    }
}
