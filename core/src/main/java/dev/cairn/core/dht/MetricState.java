package dev.cairn.core.dht;

import dev.cairn.core.crdt.GCounter;
import dev.cairn.core.crdt.HyperLogLog;
import dev.cairn.core.crdt.PNCounter;
import dev.cairn.core.id.NodeId;
import java.util.Objects;

/**
 * One content's view metrics for one window: views (PN-counter), unique viewers (HyperLogLog over ViewIDs), watch
 * time in seconds, bytes served and completed plays (G-counters). Each counter has one slot per node that recorded
 * views, so joins from many nodes add up without double counting.
 */
public record MetricState(
        PNCounter views, HyperLogLog uniques, GCounter watchTimeSeconds, GCounter bytesOut, GCounter completions)
        implements RecordValue {

    public MetricState {
        Objects.requireNonNull(views, "views");
        Objects.requireNonNull(uniques, "uniques");
        Objects.requireNonNull(watchTimeSeconds, "watchTimeSeconds");
        Objects.requireNonNull(bytesOut, "bytesOut");
        Objects.requireNonNull(completions, "completions");
    }

    public static MetricState empty() {
        return new MetricState(
                PNCounter.empty(), HyperLogLog.empty(), GCounter.empty(), GCounter.empty(), GCounter.empty());
    }

    /**
     * This state with one view recorded by {@code node}.
     *
     * @param viewId BLAKE3(ContentID || device_salt): the same device counts once among the uniques
     */
    public MetricState recordView(NodeId node, byte[] viewId, long watchSeconds, long bytes, boolean completed) {
        if (watchSeconds < 0 || bytes < 0) {
            throw new IllegalArgumentException(
                    "watch time and bytes must be >= 0, got " + watchSeconds + " s and " + bytes + " bytes");
        }
        return new MetricState(
                views.increment(node, 1),
                uniques.add(viewId),
                watchTimeSeconds.increment(node, watchSeconds),
                bytesOut.increment(node, bytes),
                completed ? completions.increment(node, 1) : completions);
    }

    /** Component-wise join. */
    public MetricState join(MetricState other) {
        return new MetricState(
                views.merge(other.views),
                uniques.merge(other.uniques),
                watchTimeSeconds.merge(other.watchTimeSeconds),
                bytesOut.merge(other.bytesOut),
                completions.merge(other.completions));
    }
}
