package dev.cairn.adapters.ffmpeg;

import dev.cairn.core.conversion.Cancellation;
import dev.cairn.core.conversion.ConversionException;
import dev.cairn.core.conversion.ConversionFailure;
import dev.cairn.core.conversion.ConversionLimits;
import java.util.Optional;

/**
 * One rendition's limits as it runs: cancellation, the wall-clock deadline, the longest input. Checked between frames
 * and on every read of the input, so even FFmpeg's own probing of a pathological file is cut short: a read that throws
 * ends FFmpeg's call with an I/O error, and {@link #tripped()} then says why.
 */
final class JobGuard {
    private final ConversionLimits limits;
    private final Cancellation cancellation;
    private final long deadlineNanos;
    private volatile ConversionException tripped;

    JobGuard(ConversionLimits limits, Cancellation cancellation) {
        this.limits = limits;
        this.cancellation = cancellation;
        this.deadlineNanos = System.nanoTime() + limits.timeout().toNanos();
    }

    /** Throws if the job was cancelled or ran out of time. */
    void check() throws ConversionException {
        if (tripped != null) {
            throw tripped;
        }
        if (cancellation.isCancelled()) {
            throw trip(new ConversionException(ConversionFailure.CANCELLED, "the conversion was cancelled"));
        }
        if (System.nanoTime() - deadlineNanos > 0) {
            throw trip(new ConversionException(
                    ConversionFailure.TIMED_OUT,
                    "the conversion took longer than its limit of "
                            + seconds(limits.timeout().toMillis()) + " (CONVERT_TIMEOUT_SEC)"));
        }
    }

    /** Throws if the input has played past the longest allowed, {@code micros} in. */
    void checkPlayed(long micros) throws ConversionException {
        if (micros > limits.maxInputDuration().toNanos() / 1000) {
            throw trip(tooLong("is longer than"));
        }
    }

    ConversionException tooLong(String verb) {
        return new ConversionException(
                ConversionFailure.INPUT_TOO_LONG,
                "the file " + verb + " the longest convertible, "
                        + seconds(limits.maxInputDuration().toMillis()) + " (CONVERT_MAX_DURATION_SEC)");
    }

    /** Why a check failed, if one did: the real reason behind an I/O error FFmpeg reports. */
    Optional<ConversionException> tripped() {
        return Optional.ofNullable(tripped);
    }

    ConversionLimits limits() {
        return limits;
    }

    private ConversionException trip(ConversionException e) {
        tripped = e;
        return e;
    }

    private static String seconds(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis / 1000.0 + " s";
    }
}
