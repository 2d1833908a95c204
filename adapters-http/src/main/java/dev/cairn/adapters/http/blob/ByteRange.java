package dev.cairn.adapters.http.blob;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One satisfiable byte range of a representation of {@code size} bytes, from an HTTP {@code Range} header (RFC 9110
 * section 14.1.2): {@code bytes=first-last}, {@code bytes=first-} or {@code bytes=-suffixLength}.
 *
 * @param first the first byte served
 * @param length how many bytes are served (at least 1)
 */
record ByteRange(long first, long length) {
    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d{0,19})-(\\d{0,19})");

    /** Thrown for a well-formed range that selects no byte of the blob: HTTP 416. */
    static final class Unsatisfiable extends Exception {
        Unsatisfiable(String message) {
            super(message, null, false, false);
        }
    }

    long last() {
        return first + length - 1;
    }

    /**
     * The range {@code header} asks for, or empty to serve the whole blob: no header, or one this server does not
     * honour (several ranges, other units, malformed), which RFC 9110 lets a server ignore.
     *
     * @throws Unsatisfiable if the single range starts past the end or asks for a zero-length suffix
     */
    static Optional<ByteRange> parse(String header, long size) throws Unsatisfiable {
        if (header == null) {
            return Optional.empty();
        }
        Matcher m = SINGLE.matcher(header.strip());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return Optional.empty();
        }
        try {
            if (m.group(1).isEmpty()) {
                long suffix = Long.parseLong(m.group(2));
                if (suffix == 0 || size == 0) {
                    throw new Unsatisfiable("range '" + header + "' selects no byte of a blob of " + size + " bytes");
                }
                long length = Math.min(suffix, size);
                return Optional.of(new ByteRange(size - length, length));
            }
            long first = Long.parseLong(m.group(1));
            long last = m.group(2).isEmpty() ? Long.MAX_VALUE : Long.parseLong(m.group(2));
            if (last < first) {
                return Optional.empty();
            }
            if (first >= size) {
                throw new Unsatisfiable("range '" + header + "' starts past the end of a blob of " + size + " bytes");
            }
            return Optional.of(new ByteRange(first, Math.min(last, size - 1) - first + 1));
        } catch (NumberFormatException e) {
            // More than Long.MAX_VALUE: no blob is that large, so the header is nonsense; serve everything.
            return Optional.empty();
        }
    }
}
