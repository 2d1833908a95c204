package dev.cairn.core.dht;

import dev.cairn.core.id.ContentId;
import java.util.Objects;

/**
 * Where one content's view metrics for one time window live.
 *
 * @param windowStart the window's first second, in Unix seconds; windows are {@code DHT_METRIC_WINDOW_SEC} long
 */
public record MetricKey(ContentId contentId, long windowStart) implements DhtKey {
    static final String KIND = "metric";

    public MetricKey {
        Objects.requireNonNull(contentId, "contentId");
        if (windowStart < 0) {
            throw new IllegalArgumentException("metric window start must be >= 0 Unix seconds: " + windowStart);
        }
    }

    /** The key of the window of {@code windowSeconds} that contains {@code epochSecond}. */
    public static MetricKey containing(ContentId contentId, long epochSecond, long windowSeconds) {
        if (windowSeconds <= 0) {
            throw new IllegalArgumentException("metric window length must be > 0 seconds: " + windowSeconds);
        }
        if (epochSecond < 0) {
            throw new IllegalArgumentException("time must be >= 0 Unix seconds: " + epochSecond);
        }
        return new MetricKey(contentId, epochSecond - epochSecond % windowSeconds);
    }

    static MetricKey ofWire(String contentHex, String window) {
        if (window.isEmpty()
                || window.length() > 19
                || !window.chars().allMatch(c -> c >= '0' && c <= '9')
                || (window.length() > 1 && window.charAt(0) == '0')) {
            throw new IllegalArgumentException(
                    "metric window '" + window + "' must be a decimal number of Unix seconds without leading zeros");
        }
        long start;
        try {
            start = Long.parseLong(window);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("metric window '" + window + "' is out of range", e);
        }
        return new MetricKey(ContentId.fromHex(contentHex), start);
    }

    @Override
    public String wire() {
        return SCHEMA_VERSION + "/" + KIND + "/" + contentId.hex() + "/" + windowStart;
    }
}
