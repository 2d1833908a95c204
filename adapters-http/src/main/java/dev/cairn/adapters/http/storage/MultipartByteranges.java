package dev.cairn.adapters.http.storage;

import dev.cairn.adapters.http.range.ByteRange;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The framing of a {@code multipart/byteranges} body (RFC 9110 section 14.6): before each range a delimiter and the
 * part's {@code Content-Type} and {@code Content-Range}, after the last the close delimiter. Computed before any byte
 * is sent, so the response has a {@code Content-Length} and a HEAD answer the same headers as GET.
 */
final class MultipartByteranges {
    private static final String CRLF = "\r\n";

    private final String boundary;
    private final List<byte[]> heads;
    private final byte[] tail;
    private final long contentLength;

    /**
     * @param boundary the delimiter; random per response, so a stored file cannot contain it by design
     * @param partType the media type of the file the ranges are of
     * @param size the file's length
     * @param ranges the parts, ascending, at least two
     */
    MultipartByteranges(String boundary, String partType, long size, List<ByteRange> ranges) {
        this.boundary = boundary;
        this.heads = new ArrayList<>(ranges.size());
        long length = 0;
        for (ByteRange r : ranges) {
            // The CRLF before a delimiter belongs to the delimiter (RFC 2046 section 5.1.1), not to the part's bytes.
            String head = (heads.isEmpty() ? "" : CRLF) + "--" + boundary + CRLF
                    + "Content-Type: " + partType + CRLF
                    + "Content-Range: bytes " + r.first() + "-" + r.last() + "/" + size + CRLF
                    + CRLF;
            byte[] bytes = head.getBytes(StandardCharsets.US_ASCII);
            heads.add(bytes);
            length += bytes.length + r.length();
        }
        this.tail = (CRLF + "--" + boundary + "--" + CRLF).getBytes(StandardCharsets.US_ASCII);
        this.contentLength = length + tail.length;
    }

    String contentType() {
        return "multipart/byteranges; boundary=" + boundary;
    }

    long contentLength() {
        return contentLength;
    }

    /** What precedes the bytes of part {@code i}: its delimiter and headers. */
    byte[] head(int i) {
        return heads.get(i);
    }

    /** The close delimiter, after the bytes of the last part. */
    byte[] tail() {
        return tail;
    }
}
