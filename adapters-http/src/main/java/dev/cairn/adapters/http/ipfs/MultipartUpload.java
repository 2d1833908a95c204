package dev.cairn.adapters.http.ipfs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The {@code multipart/form-data} body of {@code /api/v0/add} as a stream: the opening boundary and the part headers,
 * the blob read from the caller's stream as the HTTP client asks for it, then the closing boundary. Only a read
 * buffer's worth of the blob is ever in memory.
 *
 * <p>The boundary is 128 random bits; an encrypted blob containing it by chance is not a practical concern. Closing
 * this stream does not close the blob's stream: the caller opened it and closes it.
 */
final class MultipartUpload extends InputStream {
    private final String boundary;
    private final byte[] head;
    private final byte[] tail;
    private final InputStream data;
    private volatile Runnable onProgress = () -> {};
    private volatile boolean finished;
    private volatile IOException readFailure;
    private byte[] segment;
    private int position;
    private boolean inData;
    private volatile long dataBytes;

    /**
     * @param filename the part's file name, which Kubo echoes as {@code Name} in its answer; characters that would
     *     need escaping in a header are refused
     */
    MultipartUpload(String filename, InputStream data) {
        Objects.requireNonNull(filename, "filename");
        if (!filename.matches("[A-Za-z0-9._-]{1,255}")) {
            throw new IllegalArgumentException(
                    "a multipart file name here is 1 to 255 of [A-Za-z0-9._-]: '" + filename + "'");
        }
        this.data = Objects.requireNonNull(data, "data");
        byte[] random = new byte[16];
        ThreadLocalRandom.current().nextBytes(random);
        this.boundary = "cairn-" + HexFormat.of().formatHex(random);
        this.head = ("--" + boundary + "\r\n"
                        + "Content-Disposition: form-data; name=\"file\"; filename=\"" + filename + "\"\r\n"
                        + "Content-Type: application/octet-stream\r\n"
                        + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        this.tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        this.segment = head;
    }

    /** The request's {@code Content-Type}, naming the boundary. */
    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    /** Called on every read that moved bytes, and at the end: the HTTP client took more of the body. */
    void onProgress(Runnable listener) {
        this.onProgress = Objects.requireNonNull(listener, "listener");
    }

    /** Whether the whole body, closing boundary included, has been read. */
    boolean finished() {
        return finished;
    }

    /** Why reading the blob failed, or null: a failure of the caller's stream, not of Kubo. */
    IOException readFailure() {
        return readFailure;
    }

    /** Blob bytes read so far. */
    long dataBytes() {
        return dataBytes;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n;
        do {
            n = read(one, 0, 1);
        } while (n == 0);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        while (true) {
            if (inData) {
                int n;
                try {
                    n = data.read(b, off, len);
                } catch (IOException e) {
                    readFailure = e;
                    throw e;
                }
                if (n > 0) {
                    dataBytes += n;
                    onProgress.run();
                    return n;
                }
                if (n == 0) {
                    return 0;
                }
                inData = false;
                segment = tail;
                position = 0;
            }
            if (segment == null) {
                finished = true;
                onProgress.run();
                return -1;
            }
            if (position < segment.length) {
                int n = Math.min(len, segment.length - position);
                System.arraycopy(segment, position, b, off, n);
                position += n;
                onProgress.run();
                return n;
            }
            if (segment == head) {
                inData = true;
            } else {
                segment = null;
            }
        }
    }

    @Override
    public void close() {
        // The blob's stream belongs to the caller.
    }
}
