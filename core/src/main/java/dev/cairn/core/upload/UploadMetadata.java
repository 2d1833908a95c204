package dev.cairn.core.upload;

import dev.cairn.core.canonical.StrictUtf8;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code Upload-Metadata} of an upload: decoding the header, and the bounds every upload's metadata must keep
 * before anything is stored. The keys the pipeline reads are {@value #FILENAME}, {@value #TITLE} and {@value
 * #FILETYPE} (the names tus-js-client and Uppy send); other keys are kept as given, within the same bounds.
 */
public final class UploadMetadata {
    public static final String FILENAME = "filename";
    public static final String TITLE = "title";
    /** The declared media type; consulted only where the bytes cannot tell (see {@code ContentProbe}). */
    public static final String FILETYPE = "filetype";

    public static final int MAX_HEADER_LENGTH = 16 * 1024;
    public static final int MAX_PAIRS = 32;
    public static final int MAX_KEY_LENGTH = 64;
    public static final int MAX_VALUE_BYTES = 1024;
    public static final int MAX_FILENAME_BYTES = 255;
    public static final int MAX_TITLE_CHARACTERS = 256;
    public static final int MAX_FILETYPE_LENGTH = 255;

    /** tus: no spaces, no commas, not empty; printable ASCII here. */
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x2b\\x2d-\\x7e]{1," + MAX_KEY_LENGTH + "}");

    private static final Pattern MEDIA_TYPE = Pattern.compile(
            "[a-z0-9][a-z0-9!#$&^_.+-]{0,126}/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}(\\s*;[\\x20-\\x7e]*)?",
            Pattern.CASE_INSENSITIVE);

    private UploadMetadata() {}

    /**
     * Decodes {@code Upload-Metadata}: comma-separated pairs of a key and, after one space, its value in Base64 (a
     * key alone has the empty value). Values must be UTF-8. The result is also {@linkplain #check checked}.
     *
     * @throws UploadException {@link UploadFailure#INVALID_METADATA}, saying what is wrong
     */
    public static Map<String, String> parse(String header) {
        if (header.length() > MAX_HEADER_LENGTH) {
            throw invalid("Upload-Metadata is " + header.length() + " characters; at most " + MAX_HEADER_LENGTH);
        }
        Map<String, String> pairs = new LinkedHashMap<>();
        if (header.isBlank()) {
            return pairs;
        }
        for (String pair : header.split(",", -1)) {
            String trimmed = pair.strip();
            int space = trimmed.indexOf(' ');
            String key = space < 0 ? trimmed : trimmed.substring(0, space);
            String encoded = space < 0 ? "" : trimmed.substring(space + 1);
            if (!KEY.matcher(key).matches()) {
                throw invalid("an Upload-Metadata key is 1 to " + MAX_KEY_LENGTH
                        + " printable ASCII characters without spaces or commas, got '" + printable(key) + "'");
            }
            if (pairs.put(key, utf8(key, base64(key, encoded))) != null) {
                throw invalid("Upload-Metadata has key '" + key + "' twice");
            }
        }
        check(pairs);
        return pairs;
    }

    /**
     * Checks metadata against the bounds: at most {@value #MAX_PAIRS} pairs, keys as in the header, values of at most
     * {@value #MAX_VALUE_BYTES} UTF-8 bytes without control characters; a file name of at most {@value
     * #MAX_FILENAME_BYTES} bytes that names no directory; a title of at most {@value #MAX_TITLE_CHARACTERS}
     * characters; a file type that is a media type.
     *
     * @throws UploadException {@link UploadFailure#INVALID_METADATA}, saying what is wrong
     */
    public static void check(Map<String, String> metadata) {
        if (metadata.size() > MAX_PAIRS) {
            throw invalid("Upload-Metadata has " + metadata.size() + " keys; at most " + MAX_PAIRS);
        }
        for (Map.Entry<String, String> pair : metadata.entrySet()) {
            String key = pair.getKey();
            String value = pair.getValue();
            if (!KEY.matcher(key).matches()) {
                throw invalid("metadata key '" + printable(key) + "' is not 1 to " + MAX_KEY_LENGTH
                        + " printable ASCII characters without spaces or commas");
            }
            if (!StandardCharsets.UTF_8.newEncoder().canEncode(value)) {
                throw invalid("metadata '" + key + "' is not valid Unicode text");
            }
            int bytes = value.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_VALUE_BYTES) {
                throw invalid("metadata '" + key + "' is " + bytes + " bytes; at most " + MAX_VALUE_BYTES);
            }
            if (value.codePoints().anyMatch(Character::isISOControl)) {
                throw invalid("metadata '" + key + "' holds a control character");
            }
        }
        checkFileName(metadata.get(FILENAME));
        checkTitle(metadata.get(TITLE));
        checkFileType(metadata.get(FILETYPE));
    }

    /** The file name, if one was given and is not empty. */
    public static Optional<String> fileName(Map<String, String> metadata) {
        return nonEmpty(metadata.get(FILENAME));
    }

    /** The title, else the file name, else the empty string. */
    public static String title(Map<String, String> metadata) {
        return nonEmpty(metadata.get(TITLE)).or(() -> fileName(metadata)).orElse("");
    }

    /** The declared media type, lower-cased, if one was given (browsers send an empty one for unknown types). */
    public static Optional<String> declaredType(Map<String, String> metadata) {
        return nonEmpty(metadata.get(FILETYPE)).map(t -> t.toLowerCase(Locale.ROOT));
    }

    private static void checkFileName(String name) {
        if (name == null) {
            return;
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_FILENAME_BYTES) {
            throw invalid("the file name is " + bytes + " bytes; at most " + MAX_FILENAME_BYTES);
        }
        if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0 || name.equals(".") || name.equals("..")) {
            throw invalid("a file name names no directory, got '" + printable(name) + "'");
        }
    }

    private static void checkTitle(String title) {
        if (title != null && title.codePointCount(0, title.length()) > MAX_TITLE_CHARACTERS) {
            throw invalid("the title is " + title.codePointCount(0, title.length()) + " characters; at most "
                    + MAX_TITLE_CHARACTERS);
        }
    }

    private static void checkFileType(String type) {
        if (type == null || type.isEmpty()) {
            return;
        }
        if (type.length() > MAX_FILETYPE_LENGTH || !MEDIA_TYPE.matcher(type).matches()) {
            throw invalid("the file type is a media type such as audio/mpeg, got '" + printable(type) + "'");
        }
    }

    private static byte[] base64(String key, String encoded) {
        try {
            return Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw invalid("the value of metadata '" + key + "' is not Base64");
        }
    }

    private static String utf8(String key, byte[] bytes) {
        return StrictUtf8.decode(bytes).orElseThrow(() -> invalid("the value of metadata '" + key + "' is not UTF-8"));
    }

    private static Optional<String> nonEmpty(String value) {
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    private static UploadException invalid(String message) {
        return new UploadException(UploadFailure.INVALID_METADATA, message);
    }

    private static String printable(String s) {
        String cut = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
