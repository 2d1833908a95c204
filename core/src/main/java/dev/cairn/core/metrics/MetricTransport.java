package dev.cairn.core.metrics;

import dev.cairn.core.id.NodeId;

/**
 * Port: sends metric messages to a peer, best effort (an unacknowledged window is sent again on the next round). The
 * receiving side hands them to the metric gossip with the authenticated sender.
 */
@FunctionalInterface
public interface MetricTransport {
    void send(NodeId to, MetricMessage message);
}
