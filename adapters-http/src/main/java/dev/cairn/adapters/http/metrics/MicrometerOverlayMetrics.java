package dev.cairn.adapters.http.metrics;

import dev.cairn.core.port.OverlayMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link OverlayMetrics} as Micrometer meters with the spec's Prometheus names.
 *
 * <p>Micrometer's Prometheus registry writes a counter's samples with {@code _total} appended to its family name, and
 * strips a {@code _total} given in the meter name first. So {@code dht_leader_changes_total} is registered as
 * {@code dht.leader.changes} and scraped as {@code dht_leader_changes_total}; {@code dht_watch_time_seconds}, a
 * counter too, is the family {@code dht_watch_time_seconds} whose sample is {@code dht_watch_time_seconds_total},
 * exactly as the Python {@code prometheus_client} the spec was written against exposes
 * {@code Counter("dht_watch_time_seconds")}. {@code MetricsNamesTest} pins every exposed name.
 */
public final class MicrometerOverlayMetrics implements OverlayMetrics {
    private final AtomicLong under = new AtomicLong();
    private final AtomicLong over = new AtomicLong();
    private final AtomicLong uniqueViewsBits = new AtomicLong(Double.doubleToLongBits(0));
    private final Counter leaderChanges;
    private final Counter mergeConflicts;
    private final Counter views;
    private final Counter watchTime;

    public MicrometerOverlayMetrics(MeterRegistry registry) {
        Gauge.builder("dht.replication.under", under, AtomicLong::get)
                .description("contents this node leads with fewer live replica leases than the target")
                .strongReference(true)
                .register(registry);
        Gauge.builder("dht.replication.over", over, AtomicLong::get)
                .description("contents this node leads with more live replica leases than the target")
                .strongReference(true)
                .register(registry);
        Gauge.builder("dht.unique.view.estimate", uniqueViewsBits, bits -> Double.longBitsToDouble(bits.get()))
                .description("unique-viewer estimate of the current metric window over this node's contents")
                .strongReference(true)
                .register(registry);
        leaderChanges = Counter.builder("dht.leader.changes")
                .description("leader changes of contents this node saw")
                .register(registry);
        mergeConflicts = Counter.builder("dht.merge.conflicts")
                .description("DHT merges that discarded a concurrent write by dominance")
                .register(registry);
        views = Counter.builder("dht.view.count").description("views recorded").register(registry);
        watchTime = Counter.builder("dht.watch.time")
                .baseUnit("seconds")
                .description("watch time recorded")
                .register(registry);
    }

    @Override
    public void leaderChanged() {
        leaderChanges.increment();
    }

    @Override
    public void mergeConflict() {
        mergeConflicts.increment();
    }

    @Override
    public void replicationGauges(long underReplicated, long overReplicated) {
        under.set(underReplicated);
        over.set(overReplicated);
    }

    @Override
    public void viewsRecorded(long count) {
        views.increment(count);
    }

    @Override
    public void uniqueViewEstimate(double estimate) {
        uniqueViewsBits.set(Double.doubleToLongBits(estimate));
    }

    @Override
    public void watchTimeRecorded(long seconds) {
        watchTime.increment(seconds);
    }
}
