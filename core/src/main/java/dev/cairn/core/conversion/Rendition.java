package dev.cairn.core.conversion;

/**
 * One thing to derive from a content, with every number the encoder needs decided by the {@link DerivationPolicy}, so
 * that a {@link Transcoder} only carries it out.
 */
public sealed interface Rendition permits AudioRendition, VideoRendition, CoverRendition, ImagePreview, Original {
    /** Which derivative this becomes. */
    DerivativeKind kind();

    /** The media type of what is produced. */
    String mimeType();
}
