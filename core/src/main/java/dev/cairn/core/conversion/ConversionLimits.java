package dev.cairn.core.conversion;

import java.time.Duration;
import java.util.Objects;

/**
 * What one conversion job may use; a job over a limit fails with that limit as its reason rather than hurting the
 * node.
 *
 * @param threads decoder and encoder threads per job ({@code CONVERT_CPU_LIMIT})
 * @param timeout the wall-clock time one rendition may take ({@code CONVERT_TIMEOUT_SEC})
 * @param maxInputDuration the longest original converted ({@code CONVERT_MAX_DURATION_SEC})
 * @param maxInputBytes the largest original converted ({@code CONVERT_MAX_INPUT_MB})
 */
public record ConversionLimits(int threads, Duration timeout, Duration maxInputDuration, long maxInputBytes) {
    public ConversionLimits {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(maxInputDuration, "maxInputDuration");
        if (threads < 1 || threads > 64) {
            throw new IllegalArgumentException("threads per job are 1 to 64, got " + threads);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("a job timeout is > 0, got " + timeout);
        }
        if (maxInputDuration.isNegative() || maxInputDuration.isZero()) {
            throw new IllegalArgumentException("a maximum input duration is > 0, got " + maxInputDuration);
        }
        if (maxInputBytes <= 0) {
            throw new IllegalArgumentException("a maximum input size is > 0 bytes, got " + maxInputBytes);
        }
    }

    /** Two threads, 30 minutes per rendition, at most 4 hours and 2 GiB of input (the default upload limit). */
    public static ConversionLimits defaults() {
        return new ConversionLimits(2, Duration.ofMinutes(30), Duration.ofHours(4), 2L * 1024 * 1024 * 1024);
    }
}
