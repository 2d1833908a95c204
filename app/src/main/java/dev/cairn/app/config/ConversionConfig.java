package dev.cairn.app.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Resource limits of media conversion ({@code CONVERT_*}).
 *
 * @param concurrency {@code CONVERT_CONCURRENCY}: conversions running at once
 * @param cpuLimit {@code CONVERT_CPU_LIMIT}: threads one conversion may use
 * @param memoryLimitMb {@code CONVERT_MEMORY_LIMIT_MB}: memory one conversion may use, in MiB
 * @param timeout {@code CONVERT_TIMEOUT_SEC}: after this long a conversion is abandoned as failed
 */
public record ConversionConfig(int concurrency, int cpuLimit, int memoryLimitMb, Duration timeout) {
    public ConversionConfig {
        Objects.requireNonNull(timeout, "timeout");
    }
}
