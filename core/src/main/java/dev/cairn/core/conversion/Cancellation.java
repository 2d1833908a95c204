package dev.cairn.core.conversion;

/**
 * Lets another thread stop a conversion: the transcoder checks it between frames and while reading input, and fails
 * with {@link ConversionFailure#CANCELLED}. Thread-safe.
 */
public final class Cancellation {
    private volatile boolean cancelled;

    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }
}
