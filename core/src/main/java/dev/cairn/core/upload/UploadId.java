package dev.cairn.core.upload;

import dev.cairn.core.port.RandomBytes;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/** An upload's id: 16 random bytes as 32 lowercase hex characters; it names the upload's URL and its spool file. */
public record UploadId(String value) {
    private static final Pattern HEX32 = Pattern.compile("[0-9a-f]{32}");

    public UploadId {
        Objects.requireNonNull(value, "value");
        if (!HEX32.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "an upload id is 32 lowercase hex characters: '" + printable(value) + "'");
        }
    }

    public static UploadId random(RandomBytes random) {
        return new UploadId(HexFormat.of().formatHex(random.bytes(16)));
    }

    private static String printable(String s) {
        String cut = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }

    @Override
    public String toString() {
        return value;
    }
}
