package dev.cairn.app.config;

import dev.cairn.core.conversion.ConversionLimits;
import java.time.Duration;
import java.util.Objects;

/**
 * Media conversion ({@code CONVERT_*}).
 *
 * @param workers {@code CONVERT_WORKERS} (older name {@code CONVERT_CONCURRENCY}): conversion jobs running at once,
 *     one worker thread each
 * @param cpuLimit {@code CONVERT_CPU_LIMIT}: FFmpeg threads one job's decoders and encoders may use (at most 64)
 * @param memoryLimitMb {@code CONVERT_MEMORY_LIMIT_MB}: native memory one job may hold, in MiB; the node gives JavaCPP
 *     a budget of {@code workers} times this
 * @param timeout {@code CONVERT_TIMEOUT_SEC}: the longest one job (and each of its renditions) may run
 * @param maxInputDuration {@code CONVERT_MAX_DURATION_SEC}: the longest original converted
 * @param maxInputMb {@code CONVERT_MAX_INPUT_MB}: the largest original converted, in MiB
 */
public record ConversionConfig(
        int workers, int cpuLimit, int memoryLimitMb, Duration timeout, Duration maxInputDuration, long maxInputMb) {
    public ConversionConfig {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(maxInputDuration, "maxInputDuration");
    }

    /** What the transcoder enforces on each job. */
    public ConversionLimits limits() {
        return new ConversionLimits(Math.min(cpuLimit, 64), timeout, maxInputDuration, maxInputMb << 20);
    }

    /** The native memory all workers together may hold, in bytes: JavaCPP's {@code maxBytes}. */
    public long nativeMemoryBudget() {
        return (long) workers * memoryLimitMb << 20;
    }
}
