package dev.cairn.core.encryption;

import dev.cairn.core.id.ContentId;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a wrapped key belongs to; authenticated (as AES-GCM associated data) but not stored in the wrapped key.
 *
 * <p>Binding a wrapped key to its content means a key attached to the wrong content (a database mix-up, a restore
 * gone wrong) fails loudly at unwrap instead of decrypting that content into garbage and serving it.
 *
 * @param purpose what kind of thing the subject is: lowercase letters, digits and dashes, 1 to 32 characters
 * @param subject which one: any non-empty text without NUL characters
 */
public record KeyContext(String purpose, String subject) {
    private static final Pattern PURPOSE = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    private static final byte[] LABEL = "cairn key wrap v1".getBytes(StandardCharsets.US_ASCII);

    public KeyContext {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(subject, "subject");
        if (!PURPOSE.matcher(purpose).matches()) {
            throw new IllegalArgumentException(
                    "a key purpose is 1-32 characters of [a-z0-9-] starting with a letter, got '" + purpose + "'");
        }
        if (subject.isEmpty() || subject.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(
                    "a key subject is non-empty text without NUL, got '" + subject.replace("\0", "\\0") + "'");
        }
    }

    /** The key of stored content {@code id}. */
    public static KeyContext content(ContentId id) {
        return new KeyContext("content", id.hex());
    }

    /** The key of an upload still in progress, whose content id is not known yet. */
    public static KeyContext upload(String uploadId) {
        return new KeyContext("upload", uploadId);
    }

    /** {@code "cairn key wrap v1" 0x00 purpose 0x00 subject}, UTF-8; unambiguous since neither part holds NUL. */
    byte[] associatedData() {
        var out = new ByteArrayOutputStream();
        out.writeBytes(LABEL);
        out.write(0);
        out.writeBytes(purpose.getBytes(StandardCharsets.UTF_8));
        out.write(0);
        out.writeBytes(subject.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
