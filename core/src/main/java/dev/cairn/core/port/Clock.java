package dev.cairn.core.port;

import java.time.Instant;

/**
 * The only way core reads time. The node passes {@link SystemClock}; tests and the overlay simulator pass a
 * {@link ManualClock} they move by hand, so time-dependent rules (expiry, heartbeats, windows) run deterministically.
 */
@FunctionalInterface
public interface Clock {
    /** Milliseconds since the Unix epoch. */
    long millis();

    default Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    /** Whole seconds since the Unix epoch. */
    default long epochSecond() {
        return Math.floorDiv(millis(), 1000L);
    }
}
