package dev.cairn.adapters.http.ipfs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict RFC 7578 {@code multipart/form-data} parser for {@link FakeKubo}: it refuses what Go's {@code
 * mime/multipart} (Kubo's parser) would refuse, so a test passes only if the client's framing is right.
 */
final class MultipartForm {
    private static final Pattern BOUNDARY =
            Pattern.compile("(?i)^multipart/form-data;\\s*boundary=\"?([^\";]{1,70})\"?$");
    private static final Pattern FILENAME = Pattern.compile("filename=\"([^\"]*)\"");
    private static final Pattern NAME = Pattern.compile(";\\s*name=\"([^\"]*)\"");

    /** One part: its headers (names lowercased) and its bytes. */
    record Part(Map<String, String> headers, byte[] data) {
        String formName() {
            Matcher m = NAME.matcher(headers.getOrDefault("content-disposition", ""));
            return m.find() ? m.group(1) : null;
        }

        String filename() {
            Matcher m = FILENAME.matcher(headers.getOrDefault("content-disposition", ""));
            return m.find() ? m.group(1) : null;
        }
    }

    private MultipartForm() {}

    /** The boundary of a {@code multipart/form-data} content type. */
    static String boundary(String contentType) {
        Matcher m = BOUNDARY.matcher(contentType == null ? "" : contentType.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not multipart/form-data with a boundary: " + contentType);
        }
        return m.group(1);
    }

    static List<Part> parse(byte[] body, String boundary) {
        byte[] first = ("--" + boundary + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
        if (!startsWith(body, 0, first)) {
            throw new IllegalArgumentException("the body does not open with the boundary");
        }
        List<Part> parts = new ArrayList<>();
        int pos = first.length;
        while (true) {
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), pos);
            if (headersEnd < 0) {
                throw new IllegalArgumentException("a part's headers do not end");
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line : new String(body, pos, headersEnd - pos, StandardCharsets.UTF_8).split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    throw new IllegalArgumentException("malformed part header: " + line);
                }
                headers.put(
                        line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).strip());
            }
            int dataStart = headersEnd + 4;
            int dataEnd = indexOf(body, delimiter, dataStart);
            if (dataEnd < 0) {
                throw new IllegalArgumentException("a part does not end with the boundary");
            }
            parts.add(new Part(headers, Arrays.copyOfRange(body, dataStart, dataEnd)));
            pos = dataEnd + delimiter.length;
            if (startsWith(body, pos, "--\r\n".getBytes(StandardCharsets.US_ASCII)) && pos + 4 == body.length) {
                return parts;
            }
            if (!startsWith(body, pos, "\r\n".getBytes(StandardCharsets.US_ASCII))) {
                throw new IllegalArgumentException("a boundary is followed by neither CRLF nor the closing '--'");
            }
            pos += 2;
        }
    }

    private static boolean startsWith(byte[] body, int at, byte[] prefix) {
        return body.length - at >= prefix.length
                && Arrays.equals(body, at, at + prefix.length, prefix, 0, prefix.length);
    }

    private static int indexOf(byte[] body, byte[] needle, int from) {
        outer:
        for (int i = from; i <= body.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (body[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
