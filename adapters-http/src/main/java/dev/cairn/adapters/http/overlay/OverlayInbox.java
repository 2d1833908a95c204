package dev.cairn.adapters.http.overlay;

import dev.cairn.core.id.NodeId;
import dev.cairn.core.metrics.MetricMessage;
import dev.cairn.core.replication.ReplicationMessage;

/**
 * Where verified overlay messages go, with their authenticated sender. The app wires it to {@code Replicator.receive}
 * and to the metric gossip. Called from request threads, possibly several at once: an implementation in front of a
 * single-threaded component (the {@code Replicator} is one) must hand messages over to that component's thread.
 *
 * <p>An {@link IllegalArgumentException} thrown here refuses the message with {@code message_refused} (422), an
 * {@code InvalidRecordException} with {@code invalid_record} (400).
 */
public interface OverlayInbox {
    void replication(NodeId from, ReplicationMessage message);

    void metric(NodeId from, MetricMessage message);
}
