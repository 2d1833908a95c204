package dev.cairn.core.encryption;

import java.io.IOException;
import java.nio.file.Path;

/** The master key file is unsafe or unreadable as a key; the message names the path and what is wrong. */
public final class MasterKeyFileException extends IOException {
    private final transient Path path;

    MasterKeyFileException(Path path, String problem) {
        super("master key file " + path + " " + problem);
        this.path = path;
    }

    public Path path() {
        return path;
    }
}
