package dev.cairn.core.simulation;

import dev.cairn.core.port.OverlayMetrics;

/** What one simulated node reported through the overlay-metrics port; read by scenario checks. */
public final class NodeMetrics implements OverlayMetrics {
    private long leaderChanges;
    private long mergeConflicts;
    private long lastUnder;
    private long lastOver;
    private long maxOver;
    private long views;

    @Override
    public void leaderChanged() {
        leaderChanges++;
    }

    @Override
    public void mergeConflict() {
        mergeConflicts++;
    }

    @Override
    public void replicationGauges(long underReplicated, long overReplicated) {
        lastUnder = underReplicated;
        lastOver = overReplicated;
        maxOver = Math.max(maxOver, overReplicated);
    }

    @Override
    public void viewsRecorded(long n) {
        views += n;
    }

    public long leaderChanges() {
        return leaderChanges;
    }

    public long mergeConflicts() {
        return mergeConflicts;
    }

    /** {@code dht_replication_under} as of this node's last replication round. */
    public long underReplicated() {
        return lastUnder;
    }

    /** {@code dht_replication_over} as of this node's last replication round. */
    public long overReplicated() {
        return lastOver;
    }

    /** The highest {@code dht_replication_over} this node ever reported. */
    public long maxOverReplicated() {
        return maxOver;
    }

    public long views() {
        return views;
    }
}
