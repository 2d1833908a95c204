package dev.cairn.core.encryption;

import dev.cairn.core.id.ContentId;

/** A byte range that does not lie within the content; the HTTP adapter answers it with 416. */
public final class InvalidRangeException extends IllegalArgumentException {
    private final transient ContentId id;
    private final long offset;
    private final long length;
    private final long size;

    InvalidRangeException(ContentId id, long offset, long length, long size) {
        super("byte range offset=" + offset + " length=" + length + " is not within content " + id + " of " + size
                + " bytes (need 0 <= offset, 0 <= length, offset + length <= size)");
        this.id = id;
        this.offset = offset;
        this.length = length;
        this.size = size;
    }

    public ContentId id() {
        return id;
    }

    public long offset() {
        return offset;
    }

    public long length() {
        return length;
    }

    public long size() {
        return size;
    }
}
