package dev.cairn.core.port;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when told to: for tests, simulations and replays. Thread-safe. */
public final class ManualClock implements Clock {
    private final AtomicLong millis;

    public ManualClock(long startMillis) {
        if (startMillis < 0) {
            throw new IllegalArgumentException("a clock starts at >= 0 ms since the epoch: " + startMillis);
        }
        this.millis = new AtomicLong(startMillis);
    }

    @Override
    public long millis() {
        return millis.get();
    }

    /** Moves the clock forward; time never runs backwards here. */
    public ManualClock advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("a manual clock only moves forward, asked to move by " + by);
        }
        millis.addAndGet(by.toMillis());
        return this;
    }
}
