package dev.cairn.core.content;

import java.util.Objects;

/**
 * What {@link ContentProbe} made of a content's first bytes.
 *
 * @param mimeType the media type the magic number stands for, {@code application/octet-stream} when none matched
 */
public record ProbedType(ContentKind kind, String mimeType) {
    public ProbedType {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(mimeType, "mimeType");
    }
}
