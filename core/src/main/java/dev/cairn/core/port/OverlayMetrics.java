package dev.cairn.core.port;

/**
 * Port: where the overlay reports the spec's gauges and counters. The HTTP adapter backs it with Micrometer
 * ({@code dht_*} names); the simulator and tests record what they are told.
 */
public interface OverlayMetrics {
    /** Discards everything: for embedding without metrics. */
    OverlayMetrics NONE = new OverlayMetrics() {};

    /** {@code dht_leader_changes_total}: this node saw the leader of a content change. */
    default void leaderChanged() {}

    /** {@code dht_merge_conflicts_total}: a merge discarded a concurrent write by dominance. */
    default void mergeConflict() {}

    /**
     * {@code dht_replication_under} / {@code dht_replication_over}: how many contents this node leads have fewer /
     * more live replica leases than the target, as of the last replication round.
     */
    default void replicationGauges(long underReplicated, long overReplicated) {}

    /** {@code dht_view_count_total}: views recorded. */
    default void viewsRecorded(long views) {}

    /** {@code dht_unique_view_estimate}: the current window's unique-viewer estimate over this node's contents. */
    default void uniqueViewEstimate(double estimate) {}

    /** {@code dht_watch_time_seconds}: watch time recorded. */
    default void watchTimeRecorded(long seconds) {}
}
