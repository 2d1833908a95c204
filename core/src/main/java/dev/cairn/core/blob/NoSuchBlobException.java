package dev.cairn.core.blob;

import dev.cairn.core.id.ContentId;
import java.io.IOException;

/** A blob was asked for that the store does not hold. */
public final class NoSuchBlobException extends IOException {
    private final transient ContentId id;

    public NoSuchBlobException(ContentId id) {
        super("no blob with id " + id);
        this.id = id;
    }

    public ContentId id() {
        return id;
    }
}
