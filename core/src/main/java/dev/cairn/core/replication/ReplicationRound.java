package dev.cairn.core.replication;

/**
 * What one {@link Replicator#tick} did, for the node's logs and the simulator's checks.
 *
 * @param led contents this node acted as leader for
 * @param underReplicated led contents with fewer confirmed live replicas than the target at the start of the round
 * @param overReplicated led contents with more live replicas (leased or not) than the target at the start of the round
 * @param underDiverse led contents whose holders fall short of the diversity rule
 * @param granted leases granted to new holders
 * @param revoked leases revoked because they expired, their holder fell silent or left the view
 * @param trimmed replicas released because the content had more than the target
 * @param takeovers contents whose recorded leader was another node and is now this one
 */
public record ReplicationRound(
        int led,
        int underReplicated,
        int overReplicated,
        int underDiverse,
        int granted,
        int revoked,
        int trimmed,
        int takeovers) {}
