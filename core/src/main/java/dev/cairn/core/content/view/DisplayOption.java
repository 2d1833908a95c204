package dev.cairn.core.content.view;

import dev.cairn.core.conversion.DerivativeKind;
import dev.cairn.core.id.ContentId;
import java.util.Objects;

/**
 * One rendition the viewer may be served, ready now.
 *
 * @param kind which rendition
 * @param action play, show or download
 * @param licensed whether it is a licensed rendition, served decrypted to this viewer only (through a signed URL);
 *     false for a public one anyone may fetch
 * @param plainBlob whether its blob is stored unencrypted, so the public storage route serves it as it is; false when
 *     the node must decrypt it
 * @param mimeType what the served bytes are
 * @param blob the rendition's blob id
 * @param bytes its size
 */
public record DisplayOption(
        DerivativeKind kind,
        DisplayAction action,
        boolean licensed,
        boolean plainBlob,
        String mimeType,
        ContentId blob,
        long bytes) {
    public DisplayOption {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(mimeType, "mimeType");
        Objects.requireNonNull(blob, "blob");
        if (licensed != kind.requiresLicense()) {
            throw new IllegalArgumentException(
                    kind.wire() + " is " + (kind.requiresLicense() ? "" : "not ") + "licensed");
        }
        if (bytes < 0) {
            throw new IllegalArgumentException("a size is >= 0 bytes, got " + bytes);
        }
    }
}
