package dev.cairn.core.conversion;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a failed attempt waits before the next: {@code base}, doubled after each attempt, never more than {@code
 * cap}. A busy node or a full disk gets time to recover, and a content that keeps failing costs little.
 */
public record RetryBackoff(Duration base, Duration cap) {
    public RetryBackoff {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(cap, "cap");
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException(
                    "a backoff starts > 0 and is capped at >= its start, got " + base + " capped at " + cap);
        }
    }

    /** One minute, doubling, at most an hour. */
    public static RetryBackoff defaults() {
        return new RetryBackoff(Duration.ofMinutes(1), Duration.ofHours(1));
    }

    /** The wait after attempt {@code attempt} (from 1) failed. */
    public Duration after(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts count from 1, got " + attempt);
        }
        // Past 2^20 doublings every sensible cap is reached; stopping there keeps the multiplication from overflowing.
        int doublings = Math.min(attempt - 1, 20);
        Duration wait = base.multipliedBy(1L << doublings);
        return wait.compareTo(cap) > 0 ? cap : wait;
    }
}
