package dev.cairn.core.crdt;

import dev.cairn.core.id.NodeId;
import java.util.Objects;

/**
 * The last-writer-wins dominance stamp {@code (logical_counter, timestamp, node_id)} of the spec, as a total order.
 *
 * <p>Stamps compare by logical counter, then by timestamp in milliseconds, then by {@link NodeId} as an unsigned
 * big-endian number. The order is total and consistent with {@code equals}: two stamps compare as equal only when all
 * three fields are equal, so two different writers can never tie. A writer that issues two different writes under one
 * stamp contradicts itself; every LWW type here still resolves that case deterministically and documents how.
 *
 * <p>The logical counter leads so that a writer whose clock runs behind still dominates what it has seen: it takes
 * {@link #next} of the highest stamp it observed. Both numbers are non-negative so the wire form (two unsigned 64-bit
 * fields) has exactly one reading.
 */
public record Dominance(long logicalCounter, long timestampMillis, NodeId nodeId) implements Comparable<Dominance> {
    /** Bytes of the wire form: counter (8), timestamp (8), node id (32). */
    public static final int ENCODED_LENGTH = 8 + 8 + 32;

    public Dominance {
        if (logicalCounter < 0) {
            throw new IllegalArgumentException("logical counter must be >= 0: " + logicalCounter);
        }
        if (timestampMillis < 0) {
            throw new IllegalArgumentException("timestamp must be >= 0 milliseconds: " + timestampMillis);
        }
        Objects.requireNonNull(nodeId, "nodeId");
    }

    /**
     * The stamp {@code writer} uses for a write at {@code timestampMillis} after having seen this stamp: it dominates
     * this one whatever the clocks say, because its counter is one higher.
     */
    public Dominance next(long timestampMillis, NodeId writer) {
        if (logicalCounter == Long.MAX_VALUE) {
            throw new ArithmeticException("logical counter is exhausted: " + logicalCounter);
        }
        return new Dominance(logicalCounter + 1, timestampMillis, writer);
    }

    /** Whether this stamp wins over {@code other}, i.e. is strictly greater. */
    public boolean dominates(Dominance other) {
        return compareTo(other) > 0;
    }

    /** The greater of two stamps. */
    public static Dominance max(Dominance a, Dominance b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    @Override
    public int compareTo(Dominance other) {
        // Spelled out rather than a Comparator chain: set merges compare one stamp per element.
        int cmp = Long.compare(logicalCounter, other.logicalCounter);
        if (cmp == 0) {
            cmp = Long.compare(timestampMillis, other.timestampMillis);
        }
        return cmp != 0 ? cmp : nodeId.compareTo(other.nodeId);
    }

    @Override
    public String toString() {
        return "(" + logicalCounter + ", " + timestampMillis + ", "
                + nodeId.hex().substring(0, 8) + "...)";
    }
}
