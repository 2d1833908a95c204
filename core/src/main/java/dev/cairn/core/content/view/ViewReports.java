package dev.cairn.core.content.view;

import dev.cairn.core.id.ContentId;
import dev.cairn.core.metrics.MetricsConfig;
import dev.cairn.core.metrics.View;
import dev.cairn.core.metrics.ViewMetrics;
import dev.cairn.core.port.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Views reported by clients along with {@code content.view} (the spec's metrics publication), checked and bounded
 * before {@link ViewMetrics} counts them. A client's numbers are claims, so:
 *
 * <ul>
 *   <li><b>refused</b> ({@link IllegalArgumentException}, naming the value): a salt, watch time or byte count outside
 *       {@link MetricsConfig}'s limits (negative ones included);
 *   <li><b>dropped</b> ({@link Outcome#TOO_SOON}): a second report of the same device (its ViewID) for the same
 *       content within {@code minInterval}, so a reload loop or a replayed URL adds nothing;
 *   <li><b>bounded</b>: a device cannot have watched faster than time passes. The watch time accepted from one device
 *       for one content, over all its reports, is at most the time elapsed since its first report plus one whole
 *       view's maximum ({@link MetricsConfig#maxWatchSeconds()}); a claim beyond is cut to what is left. A completion
 *       counts once per device, content and metric window.
 * </ul>
 *
 * <p>The bounds are kept for the {@code maxDevices} most recently seen (device, content) pairs; forgetting one only
 * resets its bounds. Thread-safe.
 */
public final class ViewReports {
    /** What became of a report. */
    public enum Outcome {
        /** Counted (perhaps with its watch time cut or its completion dropped, as above). */
        RECORDED,
        /** Not counted: the same device reported the same content too recently. */
        TOO_SOON
    }

    private static final class Device {
        final long firstAt;
        long lastAt;
        long watched;
        long completedWindow = -1;

        Device(long now) {
            firstAt = now;
        }
    }

    private final ViewMetrics metrics;
    private final MetricsConfig config;
    private final Clock clock;
    private final long minIntervalSeconds;
    private final Map<String, Device> devices;

    /**
     * @param config the limits {@code metrics} applies (the node's {@code MetricsConfig})
     * @param minInterval how long a device waits before its next report of a content counts (30 s in the node)
     * @param maxDevices how many (device, content) pairs are remembered
     */
    public ViewReports(ViewMetrics metrics, MetricsConfig config, Clock clock, Duration minInterval, int maxDevices) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.minIntervalSeconds = minInterval.toSeconds();
        if (maxDevices <= 0) {
            throw new IllegalArgumentException("at least one device is remembered, got " + maxDevices);
        }
        this.devices = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Device> eldest) {
                return size() > maxDevices;
            }
        };
    }

    public MetricsConfig config() {
        return config;
    }

    /**
     * Counts {@code view} of {@code content}, within the bounds above.
     *
     * @throws IllegalArgumentException if a value is outside the limits; nothing is counted
     */
    public synchronized Outcome report(ContentId content, View view) {
        Objects.requireNonNull(content, "content");
        check(view);
        long now = clock.epochSecond();
        String key = content.hex() + HexFormat.of().formatHex(ViewMetrics.viewId(content, view.deviceSalt()));
        Device device = devices.get(key);
        if (device != null && now - device.lastAt < minIntervalSeconds) {
            return Outcome.TOO_SOON;
        }
        if (device == null) {
            device = new Device(now);
        }
        long allowance = Math.max(0, (now - device.firstAt) + config.maxWatchSeconds() - device.watched);
        long watch = Math.min(view.watchSeconds(), allowance);
        long window = Math.floorDiv(now, config.windowSeconds());
        boolean completed = view.completed() && device.completedWindow != window;
        metrics.recordView(content, new View(view.deviceSalt(), watch, view.bytesOut(), completed));
        device.lastAt = now;
        device.watched += watch;
        if (completed) {
            device.completedWindow = window;
        }
        devices.put(key, device);
        return Outcome.RECORDED;
    }

    private void check(View view) {
        int salt = view.deviceSalt().length;
        if (salt == 0 || salt > config.maxSaltBytes()) {
            throw new IllegalArgumentException(
                    "device_salt must be 1 to " + config.maxSaltBytes() + " bytes, got " + salt + " bytes");
        }
        if (view.watchSeconds() < 0 || view.watchSeconds() > config.maxWatchSeconds()) {
            throw new IllegalArgumentException(
                    "watch_time must be 0 to " + config.maxWatchSeconds() + " seconds, got " + view.watchSeconds());
        }
        if (view.bytesOut() < 0 || view.bytesOut() > config.maxBytesOut()) {
            throw new IllegalArgumentException(
                    "bytes_out must be 0 to " + config.maxBytesOut() + " bytes, got " + view.bytesOut());
        }
    }
}
