package dev.cairn.core.conversion;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * The moving pictures a source holds (an embedded cover picture is not one; see {@link SourceMedia#embeddedPicture}).
 *
 * @param size the coded size; a player shows it turned by {@code rotationDegrees}
 * @param frameRate frames per second, 0 when the source does not say
 * @param rotationDegrees the display rotation the source asks for (0, 90, 180 or 270; phones record portrait so)
 */
public record VideoTrack(
        String codec, Dimensions size, double frameRate, OptionalLong bitrateBps, int rotationDegrees) {
    public VideoTrack {
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(bitrateBps, "bitrateBps");
        if (!(frameRate >= 0) || Double.isInfinite(frameRate)) {
            throw new IllegalArgumentException("a frame rate is >= 0 and finite, got " + frameRate);
        }
        if (rotationDegrees % 90 != 0 || rotationDegrees < 0 || rotationDegrees >= 360) {
            throw new IllegalArgumentException("a rotation is 0, 90, 180 or 270 degrees, got " + rotationDegrees);
        }
    }
}
