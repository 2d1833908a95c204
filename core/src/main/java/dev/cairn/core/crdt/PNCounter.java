package dev.cairn.core.crdt;

import dev.cairn.core.id.NodeId;
import java.util.Objects;

/**
 * A counter that goes up and down: a G-Counter of increments and a G-Counter of decrements, merged independently.
 *
 * <p>It inherits the laws of {@link GCounter} half by half; its value is increments minus decrements and may be
 * negative. {@link #value()} throws {@link ArithmeticException} rather than wrap.
 */
public record PNCounter(GCounter increments, GCounter decrements) implements Crdt<PNCounter> {
    private static final PNCounter EMPTY = new PNCounter(GCounter.empty(), GCounter.empty());

    public PNCounter {
        Objects.requireNonNull(increments, "increments");
        Objects.requireNonNull(decrements, "decrements");
    }

    public static PNCounter empty() {
        return EMPTY;
    }

    /** Counts {@code amount} (>= 0) up on {@code node}'s slot. */
    public PNCounter increment(NodeId node, long amount) {
        return new PNCounter(increments.increment(node, amount), decrements);
    }

    /** Counts {@code amount} (>= 0) down on {@code node}'s slot. */
    public PNCounter decrement(NodeId node, long amount) {
        if (amount < 0) {
            throw new IllegalArgumentException("decrement amount must be >= 0 (use increment): " + amount);
        }
        return new PNCounter(increments, decrements.increment(node, amount));
    }

    /** Counts a signed {@code delta} on {@code node}'s slot: up when positive, down when negative. */
    public PNCounter add(NodeId node, long delta) {
        if (delta == Long.MIN_VALUE) {
            throw new IllegalArgumentException("delta must be > Long.MIN_VALUE: " + delta);
        }
        return delta >= 0 ? increment(node, delta) : decrement(node, -delta);
    }

    @Override
    public PNCounter merge(PNCounter other) {
        return new PNCounter(increments.merge(other.increments), decrements.merge(other.decrements));
    }

    /** Increments minus decrements; throws {@link ArithmeticException} if that does not fit a {@code long}. */
    public long value() {
        return Math.subtractExact(increments.value(), decrements.value());
    }
}
