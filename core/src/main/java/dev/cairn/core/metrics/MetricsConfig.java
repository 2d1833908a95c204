package dev.cairn.core.metrics;

/**
 * Limits of view metrics.
 *
 * @param windowSeconds {@code DHT_METRIC_WINDOW_SEC}: the length of a metric window (default 3600)
 * @param maxWatchSeconds the most watch time one view may report; a longer claim is refused, not clipped, since it is
 *     a client error or an attempt to inflate the counters
 * @param maxBytesOut the most bytes one view may report
 * @param maxSaltBytes the longest device salt accepted
 */
public record MetricsConfig(long windowSeconds, long maxWatchSeconds, long maxBytesOut, int maxSaltBytes) {
    /** One-hour windows; a view of at most 24 hours and 64 GiB; salts of at most 64 bytes. */
    public static final MetricsConfig DEFAULT = new MetricsConfig(3600, 86_400, 64L << 30, 64);

    public MetricsConfig {
        if (windowSeconds < 60 || windowSeconds > 86_400 * 7) {
            throw new IllegalArgumentException(
                    "DHT_METRIC_WINDOW_SEC must be between 60 and 604800 seconds: " + windowSeconds);
        }
        if (maxWatchSeconds <= 0 || maxBytesOut <= 0 || maxSaltBytes <= 0) {
            throw new IllegalArgumentException("metric limits must be positive: watch " + maxWatchSeconds + " s, bytes "
                    + maxBytesOut + ", salt " + maxSaltBytes);
        }
    }

    /** Refuses a view outside these limits, naming the value. */
    void check(View view) {
        int salt = view.deviceSalt().length;
        if (salt == 0 || salt > maxSaltBytes) {
            throw new IllegalArgumentException(
                    "device_salt must be 1 to " + maxSaltBytes + " bytes, got " + salt + " bytes");
        }
        if (view.watchSeconds() < 0 || view.watchSeconds() > maxWatchSeconds) {
            throw new IllegalArgumentException(
                    "watch_time must be 0 to " + maxWatchSeconds + " seconds, got " + view.watchSeconds());
        }
        if (view.bytesOut() < 0 || view.bytesOut() > maxBytesOut) {
            throw new IllegalArgumentException(
                    "bytes_out must be 0 to " + maxBytesOut + " bytes, got " + view.bytesOut());
        }
    }
}
