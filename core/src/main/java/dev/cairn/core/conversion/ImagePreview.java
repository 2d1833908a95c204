package dev.cairn.core.conversion;

import java.util.Objects;

/**
 * An image's preview: a JPEG of {@code size} (the source scaled down to fit the policy's box, never up), transparency
 * flattened onto white, metadata (EXIF, location) left behind.
 */
public record ImagePreview(Dimensions size) implements Rendition {
    public static final String MIME_TYPE = "image/jpeg";

    public ImagePreview {
        Objects.requireNonNull(size, "size");
    }

    @Override
    public DerivativeKind kind() {
        return DerivativeKind.PREVIEW;
    }

    @Override
    public String mimeType() {
        return MIME_TYPE;
    }
}
