package dev.cairn.core.replication;

import dev.cairn.core.id.NodeId;

/**
 * Port: sends replication messages to a peer, best effort (a lost message is a missed heartbeat, which the protocol
 * tolerates). The receiving side hands them to {@link Replicator#receive} with the authenticated sender.
 */
@FunctionalInterface
public interface ReplicationTransport {
    void send(NodeId to, ReplicationMessage message);
}
