package dev.cairn.adapters.http.metrics;

import dev.cairn.core.port.OverlayMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link OverlayMetrics} as Micrometer meters with the spec's Prometheus names.
 *
 * <p>Prometheus counters end in {@code _total}: Micrometer registers {@code dht.leader.changes} and the scrape shows
 * {@code dht_leader_changes_total}. The spec's {@code dht_watch_time_seconds} is a counter too, so its sample is
 * {@code dht_watch_time_seconds_total}, in the family {@code dht_watch_time_seconds} (the OpenMetrics
 * {@code # TYPE} line, which Prometheus negotiates). That is exactly what the Python {@code prometheus_client} the
 * spec was written against exposes for {@code Counter("dht_watch_time_seconds")}, so queries carry over.
 * {@code MetricsTest} pins every exposed name.
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
