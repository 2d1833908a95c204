package dev.cairn.adapters.http.range;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One satisfiable byte range of a representation, parsed from an HTTP {@code Range} header (RFC 9110 section 14.1):
 * {@code bytes=first-last}, {@code bytes=first-} or {@code bytes=-suffixLength}, several separated by commas.
 *
 * @param first the first byte served
 * @param length how many bytes are served (at least 1)
 */
public record ByteRange(long first, long length) {
    private static final Pattern SPEC = Pattern.compile("(\\d{0,19})-(\\d{0,19})");
    private static final String UNIT = "bytes=";

    public ByteRange {
        if (first < 0 || length < 1 || first + length - 1 < first) {
            throw new IllegalArgumentException("a byte range has first >= 0 and length >= 1 within a long, got first "
                    + first + ", length " + length);
        }
    }

    /** Thrown for a well-formed header none of whose ranges selects a byte of the representation: HTTP 416. */
    public static final class Unsatisfiable extends Exception {
        Unsatisfiable(String message) {
            super(message, null, false, false);
        }
    }

    /** The last byte served. */
    public long last() {
        return first + length - 1;
    }

    /**
     * The ranges {@code header} asks for within {@code size} bytes, ascending, with overlapping and adjacent ranges
     * merged (RFC 9110 section 15.3.7 allows it whatever their order in the header) and ranges that start past the end
     * dropped. Empty to serve the whole representation: no header, or one this server does not honour (other units,
     * malformed, last before first, more than {@code maxRanges} ranges), which RFC 9110 lets a server ignore.
     *
     * @throws Unsatisfiable if the header is well-formed but none of its ranges selects a byte
     */
    public static List<ByteRange> parse(String header, long size, int maxRanges) throws Unsatisfiable {
        if (header == null) {
            return List.of();
        }
        String value = header.strip();
        if (!value.regionMatches(true, 0, UNIT, 0, UNIT.length())) {
            return List.of();
        }
        var satisfiable = new ArrayList<ByteRange>();
        int specs = 0;
        // A list element may be empty and surrounded by whitespace (RFC 9110 section 5.6.1).
        for (String element : value.substring(UNIT.length()).split(",", -1)) {
            String spec = element.strip();
            if (spec.isEmpty()) {
                continue;
            }
            if (++specs > maxRanges) {
                return List.of();
            }
            Matcher m = SPEC.matcher(spec);
            if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
                return List.of();
            }
            try {
                if (m.group(1).isEmpty()) {
                    long suffix = Long.parseLong(m.group(2));
                    if (suffix > 0 && size > 0) {
                        long length = Math.min(suffix, size);
                        satisfiable.add(new ByteRange(size - length, length));
                    }
                    continue;
                }
                long first = Long.parseLong(m.group(1));
                long last = m.group(2).isEmpty() ? Long.MAX_VALUE : Long.parseLong(m.group(2));
                if (last < first) {
                    return List.of();
                }
                if (first < size) {
                    satisfiable.add(new ByteRange(first, Math.min(last, size - 1) - first + 1));
                }
            } catch (NumberFormatException e) {
                // More than Long.MAX_VALUE: nothing stored is that large, so the header is nonsense; serve everything.
                return List.of();
            }
        }
        if (specs == 0) {
            return List.of();
        }
        if (satisfiable.isEmpty()) {
            throw new Unsatisfiable("range '" + abbreviate(value) + "' selects no byte of " + size + " bytes");
        }
        return merged(satisfiable);
    }

    private static List<ByteRange> merged(List<ByteRange> ranges) {
        ranges.sort(Comparator.comparingLong(ByteRange::first));
        var out = new ArrayList<ByteRange>();
        ByteRange current = ranges.getFirst();
        for (ByteRange next : ranges.subList(1, ranges.size())) {
            if (next.first() <= current.last() + 1) {
                long last = Math.max(current.last(), next.last());
                current = new ByteRange(current.first(), last - current.first() + 1);
            } else {
                out.add(current);
                current = next;
            }
        }
        out.add(current);
        return List.copyOf(out);
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
}
