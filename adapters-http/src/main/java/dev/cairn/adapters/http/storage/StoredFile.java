package dev.cairn.adapters.http.storage;

import java.io.IOException;
import java.nio.channels.ReadableByteChannel;

/** One file the storage endpoint can serve: its length, its media type and its bytes from any offset. */
public interface StoredFile {

    /** The length in bytes. */
    long size();

    /** The media type sent as {@code Content-Type}, such as {@code application/octet-stream}. */
    String contentType();

    /**
     * A channel reading the file from byte {@code offset} ({@code 0 <= offset <= size()}) to its end; the caller
     * closes it.
     *
     * @throws IOException if the file cannot be read, including when it was removed since it was found
     */
    ReadableByteChannel open(long offset) throws IOException;
}
