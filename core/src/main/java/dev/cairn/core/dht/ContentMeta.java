package dev.cairn.core.dht;

import dev.cairn.core.id.NodeId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A content's replication state as its leader last wrote it: the revision, the leader, the replica leases, and the
 * {@code conflict_log} of concurrent writes that merges discarded.
 *
 * <p>Leases are kept sorted by holder with one lease per holder, and the conflict log in {@link ConflictEntry} order
 * without duplicates and at most {@value #MAX_CONFLICT_LOG} entries (the newest), so equal states have one encoding.
 */
public record ContentMeta(
        long revision, Optional<NodeId> leader, List<ReplicaLease> leases, List<ConflictEntry> conflictLog)
        implements RecordValue {
    /** Most leases one content may list; replication targets are single digits, this bounds hostile input. */
    public static final int MAX_LEASES = 256;

    /** Most conflict-log entries kept: enough to see a partition's history, small enough to gossip every minute. */
    public static final int MAX_CONFLICT_LOG = 16;

    public ContentMeta {
        if (revision < 0) {
            throw new IllegalArgumentException("revision must be >= 0: " + revision);
        }
        Objects.requireNonNull(leader, "leader");
        if (leases.size() > MAX_LEASES) {
            throw new IllegalArgumentException("at most " + MAX_LEASES + " leases, got " + leases.size());
        }
        var sorted = new ArrayList<>(leases);
        sorted.sort(Comparator.comparing(ReplicaLease::holder));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).holder().equals(sorted.get(i - 1).holder())) {
                throw new IllegalArgumentException(
                        "two leases for holder " + sorted.get(i).holder());
            }
        }
        leases = List.copyOf(sorted);
        conflictLog = ConflictEntry.canonical(conflictLog, MAX_CONFLICT_LOG);
    }

    /** A state with an empty conflict log. */
    public ContentMeta(long revision, Optional<NodeId> leader, List<ReplicaLease> leases) {
        this(revision, leader, leases, List.of());
    }

    public static ContentMeta empty() {
        return new ContentMeta(0, Optional.empty(), List.of(), List.of());
    }

    /** The leader's next decision: new revision, leader and leases; the conflict log is carried over. */
    public ContentMeta decide(long newRevision, Optional<NodeId> newLeader, List<ReplicaLease> newLeases) {
        return new ContentMeta(newRevision, newLeader, newLeases, conflictLog);
    }

    /** Whether both name the same leader and leases (revision and conflict log aside). */
    public boolean sameDecisions(ContentMeta other) {
        return leader.equals(other.leader) && leases.equals(other.leases);
    }

    /** The lease of {@code holder}, if it has one. */
    public Optional<ReplicaLease> leaseOf(NodeId holder) {
        return leases.stream().filter(l -> l.holder().equals(holder)).findFirst();
    }
}
