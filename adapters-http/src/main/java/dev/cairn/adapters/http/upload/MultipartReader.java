package dev.cairn.adapters.http.upload;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A streaming reader of a {@code multipart/form-data} body (RFC 7578, in RFC 2046's multipart syntax): parts one after
 * another, each with its headers and a body stream that ends where the next delimiter begins. Nothing is held but one
 * buffer, so a file part goes from the socket to its sink without being kept in memory or written to disk as it came.
 *
 * <p>How it finds the end of a part: the delimiter is {@code CRLF "--" boundary}. The buffer is searched for it; bytes
 * before a match, or before the last {@code delimiter - 1} bytes of the buffer when there is none (they could be the
 * start of a delimiter the next read completes), belong to the part, and the search result is kept until they are
 * handed out, so each byte is searched about once whatever the reads' sizes. The body is treated as if it began with
 * CRLF, so that the first delimiter, at the very start, is found like the others (what comes before it, the preamble,
 * is skipped). After the close delimiter ({@code --boundary--}) nothing more is read.
 *
 * <p>A body that breaks the syntax fails with {@link MalformedMultipartException}; a failure of the underlying stream
 * (the client went away) is passed on as it is, so that callers can tell the two apart.
 */
final class MultipartReader {
    /** The largest header block of one part. */
    static final int MAX_HEADER_BYTES = 8 * 1024;
    /** RFC 2046: a boundary is 1 to 70 characters. */
    static final int MAX_BOUNDARY_LENGTH = 70;

    private static final int BUFFER_SIZE = 64 * 1024;
    private static final byte CR = '\r';
    private static final byte LF = '\n';

    private final InputStream in;
    private final byte[] delimiter;
    private final byte[] buffer;
    private int pos;
    private int limit;
    private boolean eof;
    /** Bytes in [pos, safeEnd) belong to the current section: none of them starts a delimiter. */
    private int safeEnd;
    /** A delimiter starts at {@code safeEnd}. */
    private boolean delimiterAtSafeEnd;
    /** The current section (preamble or a part's body) reached its delimiter, which is consumed. */
    private boolean sectionEnded;

    private boolean finished;
    private int generation;

    /** One part: its {@code Content-Disposition} name and file name, its type, and its body. */
    record Part(Optional<String> name, Optional<String> fileName, Optional<String> contentType, InputStream body) {}

    MultipartReader(InputStream in, String boundary) {
        if (boundary.isEmpty()
                || boundary.length() > MAX_BOUNDARY_LENGTH
                || !boundary.chars().allMatch(c -> c > 0x1f && c < 0x7f)) {
            throw new IllegalArgumentException("a multipart boundary is 1 to " + MAX_BOUNDARY_LENGTH
                    + " printable ASCII characters, got '" + TusHeaders.printable(boundary) + "'");
        }
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
        this.buffer = new byte[BUFFER_SIZE + delimiter.length];
        // The body's first delimiter has no CRLF before it: supply one.
        buffer[0] = CR;
        buffer[1] = LF;
        limit = 2;
    }

    /**
     * The next part, after skipping what is left of the previous one (or the preamble); empty after the close
     * delimiter. A part's body stream stops giving bytes once {@code next} is called again.
     */
    Optional<Part> next() throws IOException {
        if (finished) {
            return Optional.empty();
        }
        skipSection();
        int first = readRaw();
        int second = readRaw();
        if (first == '-' && second == '-') {
            finished = true;
            return Optional.empty();
        }
        // Transport padding may follow a delimiter, then CRLF.
        while (first == ' ' || first == '\t') {
            first = second;
            second = readRaw();
        }
        if (first != CR || second != LF) {
            throw new MalformedMultipartException("a multipart delimiter is followed by CRLF or '--'");
        }
        Map<String, String> headers = readHeaders();
        sectionEnded = false;
        int mine = ++generation;
        Map<String, String> disposition = HeaderParameters.parse(headers.getOrDefault("content-disposition", ""));
        return Optional.of(new Part(
                Optional.ofNullable(disposition.get("name")),
                HeaderParameters.fileName(disposition),
                Optional.ofNullable(headers.get("content-type")).map(String::strip),
                new PartBody(mine)));
    }

    /** The current section's bytes, -1 at its delimiter. */
    private int readSection(byte[] b, int off, int len) throws IOException {
        if (sectionEnded) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        if (pos == safeEnd && !delimiterAtSafeEnd) {
            scan();
        }
        if (pos == safeEnd) {
            // delimiterAtSafeEnd
            pos += delimiter.length;
            safeEnd = pos;
            delimiterAtSafeEnd = false;
            sectionEnded = true;
            return -1;
        }
        int n = Math.min(len, safeEnd - pos);
        System.arraycopy(buffer, pos, b, off, n);
        pos += n;
        return n;
    }

    /** Moves {@code safeEnd} past {@code pos}, or finds the delimiter at {@code pos}; reads more as needed. */
    private void scan() throws IOException {
        while (true) {
            int found = indexOfDelimiter();
            if (found >= 0) {
                safeEnd = found;
                delimiterAtSafeEnd = true;
                return;
            }
            int safe = limit - (delimiter.length - 1);
            if (safe > pos) {
                safeEnd = safe;
                return;
            }
            if (eof) {
                throw new MalformedMultipartException("the body ended inside a part, before its closing boundary");
            }
            fill();
        }
    }

    private int indexOfDelimiter() {
        int last = limit - delimiter.length;
        outer:
        for (int i = pos; i <= last; i++) {
            for (int j = 0; j < delimiter.length; j++) {
                if (buffer[i + j] != delimiter[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Moves the unread bytes to the front and reads more after them; sets {@code eof} at the end of the stream. */
    private void fill() throws IOException {
        if (pos > 0) {
            System.arraycopy(buffer, pos, buffer, 0, limit - pos);
            limit -= pos;
            safeEnd -= pos;
            pos = 0;
        }
        int n = in.read(buffer, limit, buffer.length - limit);
        if (n < 0) {
            eof = true;
        } else {
            limit += n;
        }
    }

    private void skipSection() throws IOException {
        byte[] sink = new byte[8192];
        while (readSection(sink, 0, sink.length) >= 0) {
            // what is left of the preamble or the previous part
        }
    }

    /** One byte after a delimiter, outside any section; -1 at the end of the stream. */
    private int readRaw() throws IOException {
        while (pos == limit) {
            if (eof) {
                return -1;
            }
            fill();
        }
        int b = buffer[pos++] & 0xff;
        safeEnd = pos;
        return b;
    }

    /** Header lines up to the empty line, names lower-cased; UTF-8, since browsers send file names so. */
    private Map<String, String> readHeaders() throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        byte[] line = new byte[MAX_HEADER_BYTES];
        int total = 0;
        while (true) {
            int length = 0;
            while (true) {
                int b = readRaw();
                if (b < 0) {
                    throw new MalformedMultipartException("the body ended inside a part's headers");
                }
                if (++total > MAX_HEADER_BYTES) {
                    throw new MalformedMultipartException(
                            "a part's headers are longer than " + MAX_HEADER_BYTES + " bytes");
                }
                if (b == LF) {
                    break;
                }
                line[length++] = (byte) b;
            }
            if (length > 0 && line[length - 1] == CR) {
                length--;
            }
            if (length == 0) {
                return headers;
            }
            String text = new String(line, 0, length, StandardCharsets.UTF_8);
            int colon = text.indexOf(':');
            if (colon <= 0) {
                throw new MalformedMultipartException(
                        "a part header is 'name: value', got '" + TusHeaders.printable(text) + "'");
            }
            headers.put(
                    text.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                    text.substring(colon + 1).strip());
        }
    }

    /** A part's body: the section it was handed out with, and nothing once the reader moved on. */
    private final class PartBody extends InputStream {
        private final int generation;

        PartBody(int generation) {
            this.generation = generation;
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
            if (generation != MultipartReader.this.generation) {
                return -1;
            }
            return readSection(b, off, len);
        }
    }

    /** A body that breaks the multipart syntax. */
    static final class MalformedMultipartException extends IOException {
        private static final long serialVersionUID = 1L;

        MalformedMultipartException(String message) {
            super(message);
        }
    }
}
