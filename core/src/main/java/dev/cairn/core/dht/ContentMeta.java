package dev.cairn.core.dht;

import dev.cairn.core.id.NodeId;
import dev.cairn.core.ipfs.Cid;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A content's replication state as its leader last wrote it: the revision, the leader, the replica leases, the
 * {@code conflict_log} of concurrent writes that merges discarded, and the IPFS CID of the content's blob once known.
 *
 * <p>Leases are kept sorted by holder with one lease per holder, and the conflict log in {@link ConflictEntry} order
 * without duplicates and at most {@value #MAX_CONFLICT_LOG} entries (the newest), so equal states have one encoding.
 *
 * <p>The CID is not a decision but a fact about the blob (the same encrypted bytes always give the same CID under the
 * fixed add parameters of docs/ipfs.md), so merges do not treat it last-writer-wins: see {@link #mergeIpfsCid}.
 */
public record ContentMeta(
        long revision,
        Optional<NodeId> leader,
        List<ReplicaLease> leases,
        List<ConflictEntry> conflictLog,
        Optional<Cid> ipfsCid)
        implements RecordValue {
    /** Most leases one content may list; replication targets are single digits, this bounds hostile input. */
    public static final int MAX_LEASES = 256;

    /** Most conflict-log entries kept: enough to see a partition's history, small enough to gossip every minute. */
    public static final int MAX_CONFLICT_LOG = 16;

    /**
     * Longest CID a record holds. A CIDv1 in base32 of a SHA2-256 DAG is 59 characters; twice that leaves room for
     * longer hashes while bounding what a hostile writer can make every node store and gossip.
     */
    public static final int MAX_IPFS_CID_LENGTH = 128;

    public ContentMeta {
        if (revision < 0) {
            throw new IllegalArgumentException("revision must be >= 0: " + revision);
        }
        Objects.requireNonNull(leader, "leader");
        Objects.requireNonNull(ipfsCid, "ipfsCid");
        ipfsCid.ifPresent(ContentMeta::checkIpfsCid);
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

    /** A state without a CID. */
    public ContentMeta(
            long revision, Optional<NodeId> leader, List<ReplicaLease> leases, List<ConflictEntry> conflictLog) {
        this(revision, leader, leases, conflictLog, Optional.empty());
    }

    /** A state with an empty conflict log and no CID. */
    public ContentMeta(long revision, Optional<NodeId> leader, List<ReplicaLease> leases) {
        this(revision, leader, leases, List.of(), Optional.empty());
    }

    public static ContentMeta empty() {
        return new ContentMeta(0, Optional.empty(), List.of(), List.of(), Optional.empty());
    }

    /** The leader's next decision: new revision, leader and leases; the conflict log and the CID are carried over. */
    public ContentMeta decide(long newRevision, Optional<NodeId> newLeader, List<ReplicaLease> newLeases) {
        return new ContentMeta(newRevision, newLeader, newLeases, conflictLog, ipfsCid);
    }

    /** This state with {@code cid} merged into its CID by {@link #mergeIpfsCid}: set if it had none. */
    public ContentMeta withIpfsCid(Cid cid) {
        return new ContentMeta(revision, leader, leases, conflictLog, mergeIpfsCid(ipfsCid, Optional.of(cid)));
    }

    /** Whether both name the same leader and leases (revision, conflict log and CID aside). */
    public boolean sameDecisions(ContentMeta other) {
        return leader.equals(other.leader) && leases.equals(other.leases);
    }

    /** The lease of {@code holder}, if it has one. */
    public Optional<ReplicaLease> leaseOf(NodeId holder) {
        return leases.stream().filter(l -> l.holder().equals(holder)).findFirst();
    }

    /**
     * The merge of two records' CIDs: a present CID over an absent one; of two different present CIDs (a bug or a
     * lie, since one blob has one CID) the smaller string, so that every node picks the same one. Commutative,
     * associative and idempotent, with absence as its identity.
     */
    public static Optional<Cid> mergeIpfsCid(Optional<Cid> a, Optional<Cid> b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        return a.get().value().compareTo(b.get().value()) <= 0 ? a : b;
    }

    /** Whether two CIDs are both present and differ: a merge conflict. */
    public static boolean ipfsCidsDisagree(Optional<Cid> a, Optional<Cid> b) {
        return a.isPresent() && b.isPresent() && !a.equals(b);
    }

    /** Whether a record can hold {@code cid} ({@link #MAX_IPFS_CID_LENGTH}). */
    public static boolean fitsIpfsCid(Cid cid) {
        return cid.value().length() <= MAX_IPFS_CID_LENGTH;
    }

    /**
     * Returns {@code cid} if a record can hold it.
     *
     * @throws IllegalArgumentException if it is longer than {@link #MAX_IPFS_CID_LENGTH}
     */
    public static Cid checkIpfsCid(Cid cid) {
        if (!fitsIpfsCid(cid)) {
            throw new IllegalArgumentException("an ipfs_cid is at most " + MAX_IPFS_CID_LENGTH + " characters, got "
                    + cid.value().length() + ": '" + cid.value().substring(0, 40) + "...'");
        }
        return cid;
    }
}
