package dev.cairn.core.metrics;

import dev.cairn.core.dht.DhtRecord;
import dev.cairn.core.dht.MetricKey;
import dev.cairn.core.hash.Digest256;
import java.util.Objects;

/**
 * What nodes tell each other to bring a metric window to every node responsible for its content; the sender is known
 * from the transport. A window travels until the receiver has acknowledged holding at least the sent value, so a
 * view counted on one side of a partition reaches the other side after the heal.
 */
public sealed interface MetricMessage {
    MetricKey key();

    /** The sender's signed record of one window. */
    record Window(DhtRecord metric) implements MetricMessage {
        public Window {
            Objects.requireNonNull(metric, "metric");
            if (!(metric.key() instanceof MetricKey)) {
                throw new IllegalArgumentException("a metric window message carries a MetricKey record, got "
                        + metric.key().wire());
            }
        }

        @Override
        public MetricKey key() {
            return (MetricKey) metric.key();
        }
    }

    /**
     * The receiver of a window now holds a value whose canonical encoding has BLAKE3-256 {@code valueDigest}: if that
     * is the sender's own value's digest, the two are in sync for this window.
     */
    record Ack(MetricKey key, Digest256 valueDigest) implements MetricMessage {
        public Ack {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(valueDigest, "valueDigest");
        }
    }
}
