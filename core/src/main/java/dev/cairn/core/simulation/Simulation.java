package dev.cairn.core.simulation;

import dev.cairn.core.port.Clock;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * A discrete-event simulation: a virtual clock, a seeded random source and a queue of timed actions.
 *
 * <p>Nothing here runs on its own thread: {@link #runUntil} takes events in time order (ties in scheduling order),
 * moves the clock to each event's time and runs it. Everything the overlay does reads this clock and this random
 * source, so a run is a pure function of its seed and its scenario: the same seed gives the same run, event for event.
 */
public final class Simulation implements Clock {
    private final PriorityQueue<Event> queue = new PriorityQueue<>();
    private final Random random;
    private long now;
    private long sequence;
    private long executed;

    /** Remembers one scheduled action; ordered by time, then by the order it was scheduled in. */
    private record Event(long time, long sequence, Runnable action) implements Comparable<Event> {
        @Override
        public int compareTo(Event o) {
            int byTime = Long.compare(time, o.time);
            return byTime != 0 ? byTime : Long.compare(sequence, o.sequence);
        }
    }

    public Simulation(long seed, long startMillis) {
        if (startMillis < 0) {
            throw new IllegalArgumentException("a simulation starts at >= 0 ms since the epoch: " + startMillis);
        }
        this.random = new Random(seed);
        this.now = startMillis;
    }

    @Override
    public long millis() {
        return now;
    }

    /** The run's only source of randomness. */
    public Random random() {
        return random;
    }

    /** Runs {@code action} {@code delayMillis} from now (0 = after the events already due now). */
    public void schedule(long delayMillis, Runnable action) {
        if (delayMillis < 0) {
            throw new IllegalArgumentException("cannot schedule into the past: delay " + delayMillis + " ms");
        }
        queue.add(new Event(Math.addExact(now, delayMillis), sequence++, Objects.requireNonNull(action, "action")));
    }

    /** Runs {@code action} every {@code periodMillis}, the first time after {@code initialDelayMillis}. */
    public void every(long initialDelayMillis, long periodMillis, Runnable action) {
        if (periodMillis <= 0) {
            throw new IllegalArgumentException("a period must be > 0 ms: " + periodMillis);
        }
        schedule(initialDelayMillis, new Runnable() {
            @Override
            public void run() {
                action.run();
                schedule(periodMillis, this);
            }
        });
    }

    /** Runs every event due up to and including {@code timeMillis}, then sets the clock to it. */
    public void runUntil(long timeMillis) {
        if (timeMillis < now) {
            throw new IllegalArgumentException("the simulation is at " + now + " ms, cannot run until " + timeMillis);
        }
        while (!queue.isEmpty() && queue.peek().time() <= timeMillis) {
            Event event = queue.poll();
            now = event.time();
            executed++;
            event.action().run();
        }
        now = timeMillis;
    }

    /** Runs for {@code durationMillis} of simulated time. */
    public void runFor(long durationMillis) {
        runUntil(Math.addExact(now, durationMillis));
    }

    /** How many events have run: a cheap fingerprint of a run, and a measure of its cost. */
    public long executedEvents() {
        return executed;
    }

    public int pendingEvents() {
        return queue.size();
    }
}
