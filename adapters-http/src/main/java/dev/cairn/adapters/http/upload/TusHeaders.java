package dev.cairn.adapters.http.upload;

import dev.cairn.adapters.http.error.ApiException;
import dev.cairn.core.upload.Concatenation;
import dev.cairn.core.upload.UploadFailure;
import dev.cairn.core.upload.UploadId;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * tus 1.0.0's headers: their names, and the parsing of what clients send and the formatting of what we answer. Every
 * malformed header is a 400 naming the header and the value (cut short and made printable).
 */
final class TusHeaders {
    static final String VERSION = "1.0.0";
    static final String TUS_RESUMABLE = "Tus-Resumable";
    static final String TUS_VERSION = "Tus-Version";
    static final String TUS_EXTENSION = "Tus-Extension";
    static final String TUS_MAX_SIZE = "Tus-Max-Size";
    static final String TUS_CHECKSUM_ALGORITHM = "Tus-Checksum-Algorithm";
    static final String UPLOAD_OFFSET = "Upload-Offset";
    static final String UPLOAD_LENGTH = "Upload-Length";
    static final String UPLOAD_DEFER_LENGTH = "Upload-Defer-Length";
    static final String UPLOAD_METADATA = "Upload-Metadata";
    static final String UPLOAD_CONCAT = "Upload-Concat";
    static final String UPLOAD_EXPIRES = "Upload-Expires";
    static final String UPLOAD_CHECKSUM = "Upload-Checksum";
    static final String METHOD_OVERRIDE = "X-HTTP-Method-Override";
    static final String OFFSET_OCTET_STREAM = "application/offset+octet-stream";
    static final String EXTENSIONS =
            "creation,creation-with-upload,creation-defer-length,termination,checksum,expiration,concatenation";

    /** RFC 9110's IMF-fixdate, which {@code Upload-Expires} uses. */
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern(
                    "EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
            .withZone(ZoneOffset.UTC);

    private TusHeaders() {}

    /** A non-negative decimal integer header, as tus defines its lengths and offsets. */
    static long nonNegative(String name, String value) {
        if (value.isEmpty() || value.length() > 19 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new ApiException(
                    400, "invalid_header", name + " is a non-negative decimal integer, got '" + printable(value) + "'");
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new ApiException(400, "invalid_header", name + " is too large: '" + printable(value) + "'");
        }
    }

    /** An optional non-negative integer header. */
    static OptionalLong optionalNonNegative(String name, String value) {
        return value == null ? OptionalLong.empty() : OptionalLong.of(nonNegative(name, value));
    }

    /**
     * {@code Upload-Concat} of a creation request: absent, {@code partial}, or {@code final;} followed by the URLs of
     * the partial uploads separated by spaces (absolute URLs or paths, each naming an upload under {@code base}).
     */
    static Concatenation concatenation(String value, String base) {
        if (value == null) {
            return Concatenation.NONE;
        }
        if (value.equals("partial")) {
            return Concatenation.PARTIAL;
        }
        if (!value.startsWith("final;")) {
            throw concatError("Upload-Concat is 'partial' or 'final;<url> <url> ...', got '" + printable(value) + "'");
        }
        List<UploadId> parts = new ArrayList<>();
        for (String url : value.substring("final;".length()).strip().split(" +")) {
            if (!url.isEmpty()) {
                parts.add(partId(url, base));
            }
        }
        if (parts.isEmpty()) {
            throw concatError("Upload-Concat: final names no partial upload");
        }
        return new Concatenation.Final(parts);
    }

    private static UploadId partId(String url, String base) {
        String path;
        try {
            path = new URI(url).getRawPath();
        } catch (URISyntaxException e) {
            throw concatError("Upload-Concat names '" + printable(url) + "', which is not a URL");
        }
        String prefix = base + "/";
        if (path == null || !path.startsWith(prefix)) {
            throw concatError("Upload-Concat names '" + printable(url) + "', which is not an upload of this server ("
                    + prefix + "<id>)");
        }
        try {
            return new UploadId(path.substring(prefix.length()));
        } catch (IllegalArgumentException e) {
            throw concatError("Upload-Concat names '" + printable(url) + "': " + e.getMessage());
        }
    }

    private static ApiException concatError(String message) {
        return new ApiException(400, UploadFailure.INVALID_CONCATENATION.code(), message);
    }

    /** {@code Upload-Concat} of an existing upload, as HEAD answers it. */
    static String concatenation(Concatenation c, String base) {
        return switch (c) {
            case Concatenation.None n -> null;
            case Concatenation.Partial p -> "partial";
            case Concatenation.Final f ->
                f.parts().stream().map(id -> base + "/" + id.value()).collect(Collectors.joining(" ", "final;", ""));
        };
    }

    /** {@code Upload-Metadata} as clients send it: each key, a space and the value in Base64; a bare key if empty. */
    static String metadata(Map<String, String> pairs) {
        return pairs.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getValue().isEmpty()
                        ? e.getKey()
                        : e.getKey() + " "
                                + Base64.getEncoder()
                                        .encodeToString(e.getValue().getBytes(StandardCharsets.UTF_8)))
                .collect(Collectors.joining(","));
    }

    static String httpDate(Instant instant) {
        return HTTP_DATE.format(instant);
    }

    /** The start of a client's value, safe to repeat in a message and a log line. */
    static String printable(String s) {
        String cut = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
