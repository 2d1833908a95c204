package dev.cairn.core.dht;

import dev.cairn.core.id.NodeId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A content's replication state as its leader last wrote it: the revision, the leader, the replica leases.
 *
 * <p>Leases are kept sorted by holder with one lease per holder, so equal states have one encoding.
 */
public record ContentMeta(long revision, Optional<NodeId> leader, List<ReplicaLease> leases) implements RecordValue {
    /** Most leases one content may list; replication targets are single digits, this bounds hostile input. */
    public static final int MAX_LEASES = 256;

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
    }

    public static ContentMeta empty() {
        return new ContentMeta(0, Optional.empty(), List.of());
    }
}
