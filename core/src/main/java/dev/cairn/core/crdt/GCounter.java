package dev.cairn.core.crdt;

import dev.cairn.core.id.NodeId;
import java.util.Arrays;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A grow-only counter: one non-negative slot per node, each incremented only by its own node.
 *
 * <p>Merge takes the slot-wise maximum, so it is commutative, associative and idempotent, and the value (the sum of
 * the slots) never decreases under merge. A slot of zero is the same as no slot and is never stored, so equal counters
 * have equal slot lists and equal bytes. Arithmetic is checked: a slot never wraps, and {@link #value()} throws rather
 * than wrap when the slots together pass {@link Long#MAX_VALUE}.
 */
public final class GCounter implements Crdt<GCounter> {
    private static final GCounter EMPTY = new GCounter(new NodeId[0], new long[0]);

    // Parallel arrays sorted by node id, strictly increasing; every count > 0. Never mutated after construction.
    private final NodeId[] nodes;
    private final long[] counts;

    private GCounter(NodeId[] nodes, long[] counts) {
        this.nodes = nodes;
        this.counts = counts;
    }

    public static GCounter empty() {
        return EMPTY;
    }

    /** A counter with exactly these slots; zero slots are dropped, negative ones rejected. */
    public static GCounter of(java.util.Map<NodeId, Long> slots) {
        var sorted = new TreeMap<NodeId, Long>();
        slots.forEach((node, count) -> {
            Objects.requireNonNull(node, "node");
            if (count < 0) {
                throw new IllegalArgumentException("slot of " + node + " must be >= 0: " + count);
            }
            if (count > 0) {
                sorted.put(node, count);
            }
        });
        return new GCounter(
                sorted.keySet().toArray(NodeId[]::new),
                sorted.values().stream().mapToLong(Long::longValue).toArray());
    }

    /** Built from arrays already sorted and validated by a decoder; takes ownership. */
    static GCounter ofSorted(NodeId[] nodes, long[] counts) {
        return nodes.length == 0 ? EMPTY : new GCounter(nodes, counts);
    }

    /** This counter with {@code node}'s slot raised by {@code amount} (zero returns this counter). */
    public GCounter increment(NodeId node, long amount) {
        Objects.requireNonNull(node, "node");
        if (amount < 0) {
            throw new IllegalArgumentException("a G-Counter only grows; amount must be >= 0: " + amount);
        }
        if (amount == 0) {
            return this;
        }
        int i = Arrays.binarySearch(nodes, node);
        if (i >= 0) {
            long[] newCounts = counts.clone();
            newCounts[i] = checkedAdd(counts[i], amount, node);
            return new GCounter(nodes, newCounts);
        }
        int at = -i - 1;
        NodeId[] newNodes = new NodeId[nodes.length + 1];
        long[] newCounts = new long[nodes.length + 1];
        System.arraycopy(nodes, 0, newNodes, 0, at);
        System.arraycopy(counts, 0, newCounts, 0, at);
        newNodes[at] = node;
        newCounts[at] = amount;
        System.arraycopy(nodes, at, newNodes, at + 1, nodes.length - at);
        System.arraycopy(counts, at, newCounts, at + 1, nodes.length - at);
        return new GCounter(newNodes, newCounts);
    }

    @Override
    public GCounter merge(GCounter other) {
        if (other == this || other.nodes.length == 0) {
            return this;
        }
        if (nodes.length == 0) {
            return other;
        }
        NodeId[] mergedNodes = new NodeId[nodes.length + other.nodes.length];
        long[] mergedCounts = new long[mergedNodes.length];
        int i = 0, j = 0, n = 0;
        while (i < nodes.length && j < other.nodes.length) {
            int cmp = nodes[i].compareTo(other.nodes[j]);
            if (cmp == 0) {
                mergedNodes[n] = nodes[i];
                mergedCounts[n++] = Math.max(counts[i++], other.counts[j++]);
            } else if (cmp < 0) {
                mergedNodes[n] = nodes[i];
                mergedCounts[n++] = counts[i++];
            } else {
                mergedNodes[n] = other.nodes[j];
                mergedCounts[n++] = other.counts[j++];
            }
        }
        for (; i < nodes.length; i++, n++) {
            mergedNodes[n] = nodes[i];
            mergedCounts[n] = counts[i];
        }
        for (; j < other.nodes.length; j++, n++) {
            mergedNodes[n] = other.nodes[j];
            mergedCounts[n] = other.counts[j];
        }
        return new GCounter(Arrays.copyOf(mergedNodes, n), Arrays.copyOf(mergedCounts, n));
    }

    /** The sum of all slots; throws {@link ArithmeticException} if it does not fit a {@code long}. */
    public long value() {
        long sum = 0;
        for (long c : counts) {
            sum = Math.addExact(sum, c);
        }
        return sum;
    }

    /** The slot of {@code node}, zero if it has none. */
    public long slot(NodeId node) {
        int i = Arrays.binarySearch(nodes, node);
        return i >= 0 ? counts[i] : 0;
    }

    /** All non-zero slots in node id order. */
    public SortedMap<NodeId, Long> slots() {
        var map = new TreeMap<NodeId, Long>();
        for (int i = 0; i < nodes.length; i++) {
            map.put(nodes[i], counts[i]);
        }
        return Collections.unmodifiableSortedMap(map);
    }

    /** How many nodes have a non-zero slot. */
    public int size() {
        return nodes.length;
    }

    NodeId nodeAt(int i) {
        return nodes[i];
    }

    long countAt(int i) {
        return counts[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GCounter g && Arrays.equals(nodes, g.nodes) && Arrays.equals(counts, g.counts);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(nodes) + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "GCounter" + slots();
    }

    private static long checkedAdd(long slot, long amount, NodeId node) {
        if (slot > Long.MAX_VALUE - amount) {
            throw new ArithmeticException("slot of " + node + " would overflow: " + slot + " + " + amount);
        }
        return slot + amount;
    }
}
