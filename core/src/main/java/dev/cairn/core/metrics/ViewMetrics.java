package dev.cairn.core.metrics;

import dev.cairn.core.dht.DhtRecord;
import dev.cairn.core.dht.LocalDht;
import dev.cairn.core.dht.MetricKey;
import dev.cairn.core.dht.MetricState;
import dev.cairn.core.hash.Blake3;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.id.NodeId;
import dev.cairn.core.port.Clock;
import dev.cairn.core.port.OverlayMetrics;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Records views into the hourly metric windows of the DHT.
 *
 * <p>A view lands in {@code MetricKey(content, window)}, the window being the {@code DHT_METRIC_WINDOW_SEC}-long
 * interval containing the injected clock's time. Each node counts into its own counter slots, so when the windows of
 * several nodes are merged (by the DHT's join) nothing is counted twice and nothing is lost; uniques are a HyperLogLog
 * over {@code ViewID = BLAKE3(ContentID || device_salt)}, so one device counts once per window wherever it is seen.
 */
public final class ViewMetrics {
    private final NodeId self;
    private final LocalDht dht;
    private final Clock clock;
    private final OverlayMetrics metrics;
    private final MetricsConfig config;
    private final Consumer<MetricKey> changed;

    public ViewMetrics(NodeId self, LocalDht dht, Clock clock, OverlayMetrics metrics, MetricsConfig config) {
        this(self, dht, clock, metrics, config, key -> {});
    }

    /** As above, telling {@code changed} (typically {@link MetricGossip#changed}) of every window it writes. */
    public ViewMetrics(
            NodeId self,
            LocalDht dht,
            Clock clock,
            OverlayMetrics metrics,
            MetricsConfig config,
            Consumer<MetricKey> changed) {
        this.changed = Objects.requireNonNull(changed, "changed");
        this.self = Objects.requireNonNull(self, "self");
        this.dht = Objects.requireNonNull(dht, "dht");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.config = Objects.requireNonNull(config, "config");
    }

    /** The ViewID of a device's view of a content: BLAKE3-256(content id bytes || device salt). */
    public static byte[] viewId(ContentId content, byte[] deviceSalt) {
        return Blake3.newHasher()
                .update(content.value().toBytes())
                .update(deviceSalt)
                .digest();
    }

    /**
     * Records one view now and returns the window's record as published by this node.
     *
     * @throws IllegalArgumentException naming the value, for a salt, watch time or byte count out of bounds
     */
    public DhtRecord recordView(ContentId content, View view) {
        Objects.requireNonNull(content, "content");
        config.check(view);
        MetricKey key = MetricKey.containing(content, clock.epochSecond(), config.windowSeconds());
        byte[] viewId = viewId(content, view.deviceSalt());
        DhtRecord record = dht.publish(
                key,
                MetricState.empty(),
                current -> ((MetricState) current)
                        .recordView(self, viewId, view.watchSeconds(), view.bytesOut(), view.completed()));
        changed.accept(key);
        metrics.viewsRecorded(1);
        metrics.watchTimeRecorded(view.watchSeconds());
        metrics.uniqueViewEstimate(((MetricState) record.value()).uniques().estimate());
        return record;
    }

    /** The window containing {@code epochSecond}, as this node holds it (its own views and whatever it merged). */
    public Optional<MetricState> window(ContentId content, long epochSecond) {
        return dht.get(MetricKey.containing(content, epochSecond, config.windowSeconds()))
                .map(r -> (MetricState) r.value());
    }
}
