package dev.cairn.core.crdt;

import dev.cairn.core.hash.Digest256;
import dev.cairn.core.id.NodeId;

/**
 * Wire bodies of the counters. G-Counter: u32 slot count, then per slot the 32-byte node id and a u64 count in
 * [1, 2^63 - 1], node ids strictly increasing. PN-Counter: the increments' G-Counter body, then the decrements'.
 */
final class CounterFormat {
    private static final int SLOT_BYTES = Digest256.LENGTH + 8;

    private CounterFormat() {}

    static void writeGCounter(GCounter counter, CrdtLimits limits, CrdtWriter out) {
        if (counter.size() > limits.maxEntries()) {
            throw new IllegalArgumentException(
                    "G-Counter has " + counter.size() + " slots, over the limit " + limits.maxEntries());
        }
        out.u32(counter.size());
        for (int i = 0; i < counter.size(); i++) {
            out.nodeId(counter.nodeAt(i)).u63(counter.countAt(i));
        }
    }

    static GCounter readGCounter(CrdtLimits limits, CrdtReader in) {
        int size = in.count("G-Counter slot count", limits.maxEntries(), SLOT_BYTES);
        NodeId[] nodes = new NodeId[size];
        long[] counts = new long[size];
        for (int i = 0; i < size; i++) {
            int at = in.offset();
            nodes[i] = in.nodeId("G-Counter slot node id");
            if (i > 0 && nodes[i - 1].compareTo(nodes[i]) >= 0) {
                throw in.error(
                        at, "G-Counter node ids must be strictly increasing: " + nodes[i] + " after " + nodes[i - 1]);
            }
            at = in.offset();
            counts[i] = in.u63("G-Counter slot count value");
            if (counts[i] == 0) {
                throw in.error(at, "G-Counter slot of " + nodes[i] + " is zero; zero slots are omitted");
            }
        }
        return GCounter.ofSorted(nodes, counts);
    }

    static void writePNCounter(PNCounter counter, CrdtLimits limits, CrdtWriter out) {
        writeGCounter(counter.increments(), limits, out);
        writeGCounter(counter.decrements(), limits, out);
    }

    static PNCounter readPNCounter(CrdtLimits limits, CrdtReader in) {
        GCounter increments = readGCounter(limits, in);
        return new PNCounter(increments, readGCounter(limits, in));
    }
}
