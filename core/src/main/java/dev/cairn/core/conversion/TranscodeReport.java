package dev.cairn.core.conversion;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a rendition turned out to be, measured on the output (the {@code derivatives} row's columns).
 *
 * @param codec the codecs in it: {@code aac}, {@code h264+aac}, {@code h264}, {@code jpeg}
 * @param bitrateBps the whole file's average bitrate (timed media only)
 * @param size the picture's coded size (video and pictures)
 * @param duration how long it plays (timed media only)
 * @param sizeBytes the bytes written
 */
public record TranscodeReport(
        String mimeType,
        String codec,
        OptionalLong bitrateBps,
        Optional<Dimensions> size,
        Optional<Duration> duration,
        long sizeBytes) {
    public TranscodeReport {
        Objects.requireNonNull(mimeType, "mimeType");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(bitrateBps, "bitrateBps");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(duration, "duration");
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("an output size is >= 0 bytes, got " + sizeBytes);
        }
    }
}
