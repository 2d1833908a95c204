package dev.cairn.core.id;

import java.io.IOException;
import java.nio.file.Path;

/** A node key file that exists but must not be used; names the file and the problem, never the key. */
public final class InvalidNodeKeyFileException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path path;

    InvalidNodeKeyFileException(Path path, String problem) {
        super("refusing node key file " + path + ": " + problem
                + ". It is never replaced automatically, since a new key is a new node identity:"
                + " fix or restore the file, or delete it on purpose to start as a new node.");
        this.path = path;
    }

    public Path path() {
        return path;
    }
}
