package dev.cairn.adapters.http.overlay;

import dev.cairn.core.metrics.MetricMessage;
import dev.cairn.core.replication.ReplicationMessage;
import java.util.Objects;

/** What one overlay envelope carries: a replication message or a metric gossip message. */
public sealed interface OverlayMessage {

    /** A message for the receiver's {@code Replicator}. */
    record Replication(ReplicationMessage message) implements OverlayMessage {
        public Replication {
            Objects.requireNonNull(message, "message");
        }
    }

    /** A message for the receiver's metric gossip. */
    record Metric(MetricMessage message) implements OverlayMessage {
        public Metric {
            Objects.requireNonNull(message, "message");
        }
    }

    static OverlayMessage of(ReplicationMessage message) {
        return new Replication(message);
    }

    static OverlayMessage of(MetricMessage message) {
        return new Metric(message);
    }
}
