package dev.cairn.core.conversion;

import java.util.Objects;

/**
 * A square JPEG thumbnail: the middle square of the picture, scaled down to {@code side} (never up).
 *
 * @param side the square's side in pixels, at most the source picture's short side
 */
public record CoverRendition(CoverSource from, int side) implements Rendition {
    public static final String MIME_TYPE = "image/jpeg";

    public CoverRendition {
        Objects.requireNonNull(from, "from");
        if (side <= 0) {
            throw new IllegalArgumentException("a cover's side is > 0 pixels, got " + side);
        }
    }

    @Override
    public DerivativeKind kind() {
        return DerivativeKind.COVER;
    }

    @Override
    public String mimeType() {
        return MIME_TYPE;
    }
}
