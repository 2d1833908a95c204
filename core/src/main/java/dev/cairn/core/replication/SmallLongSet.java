package dev.cairn.core.replication;

import java.util.Arrays;

/** A tiny set of longs (octets, ASNs): diversity goals are single digits, so a linear scan beats hashing. */
final class SmallLongSet {
    private long[] values;
    private int size;

    SmallLongSet(int capacity) {
        values = new long[Math.max(4, capacity)];
    }

    boolean contains(long v) {
        for (int i = 0; i < size; i++) {
            if (values[i] == v) {
                return true;
            }
        }
        return false;
    }

    void add(long v) {
        if (!contains(v)) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }
    }

    int size() {
        return size;
    }
}
