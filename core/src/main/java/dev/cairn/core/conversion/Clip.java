package dev.cairn.core.conversion;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** A stretch of a timed content: from {@code start}, {@code length} long. */
public record Clip(Duration start, Duration length) {
    public Clip {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(length, "length");
        if (start.isNegative() || length.isNegative() || length.isZero()) {
            throw new IllegalArgumentException("a clip starts at >= 0 and lasts > 0, got " + start + " + " + length);
        }
    }

    /**
     * The preview's clip: {@code length} long (or the whole content if shorter), starting about a third in, moved
     * earlier where the content ends before the clip would; from the start when the content's duration is unknown.
     */
    public static Clip preview(Optional<Duration> sourceDuration, Duration length) {
        if (sourceDuration.isEmpty()
                || sourceDuration.get().isZero()
                || sourceDuration.get().isNegative()) {
            return new Clip(Duration.ZERO, length);
        }
        Duration total = sourceDuration.get();
        if (total.compareTo(length) <= 0) {
            return new Clip(Duration.ZERO, total);
        }
        Duration third = total.dividedBy(3);
        Duration latestStart = total.minus(length);
        return new Clip(third.compareTo(latestStart) <= 0 ? third : latestStart, length);
    }

    public Duration end() {
        return start.plus(length);
    }
}
