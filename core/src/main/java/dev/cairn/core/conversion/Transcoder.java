package dev.cairn.core.conversion;

import java.io.OutputStream;

/**
 * Port: reads media and derives renditions from it ({@code adapters-ffmpeg}: JavaCV). Implementations keep no
 * plaintext on disk once a call returns, honour their {@link ConversionLimits}, and report every failure as a {@link
 * ConversionException} with a reason, never as an unchecked exception from the native side. Safe for concurrent use
 * by several workers, each call on its own source.
 */
public interface Transcoder {
    /**
     * What {@code source} holds: container, duration, sound, pictures; what the {@link DerivationPolicy} plans from.
     *
     * @throws ConversionException if it is over a limit, cannot be read as media, or the call is cancelled
     */
    SourceMedia probe(MediaSource source, Cancellation cancellation) throws ConversionException;

    /**
     * Produces {@code rendition} of {@code source}, writing the finished file to {@code out} front to back (the caller
     * passes an encrypting sink such as {@code ContentVault.create()}, and commits it only if this returns). {@code
     * out} is not closed.
     *
     * @throws IllegalArgumentException for an {@link Original}, which is served as uploaded
     * @throws ConversionException with the reason the rendition could not be made
     */
    TranscodeReport transcode(
            MediaSource source,
            Rendition rendition,
            OutputStream out,
            ProgressListener progress,
            Cancellation cancellation)
            throws ConversionException;
}
