package dev.cairn.core.dht;

import dev.cairn.core.crdt.Dominance;
import dev.cairn.core.id.NodeId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of a content's {@code conflict_log}: the decisions of a content-meta write that a merge discarded because a
 * concurrent write on the same logical counter dominated it (typically two leaders on both sides of a partition).
 *
 * <p>Entries are ordered by the discarded write's stamp, then by their other fields, so a log has one canonical order
 * even if one writer contradicted itself under a single stamp.
 *
 * @param stamp the discarded record's dominance stamp (its writer is the stamp's node id)
 * @param revision the discarded value's revision
 * @param leader the leader the discarded value named
 * @param leases the leases the discarded value granted, sorted by holder
 */
public record ConflictEntry(Dominance stamp, long revision, Optional<NodeId> leader, List<ReplicaLease> leases)
        implements Comparable<ConflictEntry> {
    private static final Comparator<Optional<NodeId>> LEADER_ORDER =
            Comparator.comparing(l -> l.orElse(null), Comparator.nullsFirst(Comparator.naturalOrder()));

    public ConflictEntry {
        Objects.requireNonNull(stamp, "stamp");
        Objects.requireNonNull(leader, "leader");
        // ContentMeta checks revision, lease count and unique holders; sharing the rule keeps both in step.
        leases = new ContentMeta(revision, leader, leases).leases();
    }

    /** The entry that records {@code discarded}, written under {@code stamp}. */
    public static ConflictEntry of(Dominance stamp, ContentMeta discarded) {
        return new ConflictEntry(stamp, discarded.revision(), discarded.leader(), discarded.leases());
    }

    @Override
    public int compareTo(ConflictEntry other) {
        int cmp = stamp.compareTo(other.stamp);
        if (cmp == 0) {
            cmp = Long.compare(revision, other.revision);
        }
        if (cmp == 0) {
            cmp = LEADER_ORDER.compare(leader, other.leader);
        }
        for (int i = 0; cmp == 0 && i < Math.min(leases.size(), other.leases.size()); i++) {
            cmp = leases.get(i).holder().compareTo(other.leases.get(i).holder());
            if (cmp == 0) {
                cmp = Long.compare(
                        leases.get(i).expiresAtMillis(), other.leases.get(i).expiresAtMillis());
            }
        }
        return cmp != 0 ? cmp : Integer.compare(leases.size(), other.leases.size());
    }

    /** The union of two logs, canonical: ascending, without duplicates, the {@code max} greatest entries kept. */
    static List<ConflictEntry> union(List<ConflictEntry> a, List<ConflictEntry> b, int max) {
        var all = new ArrayList<ConflictEntry>(a.size() + b.size());
        all.addAll(a);
        all.addAll(b);
        return canonical(all, max);
    }

    static List<ConflictEntry> canonical(List<ConflictEntry> entries, int max) {
        var sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.naturalOrder());
        var unique = new ArrayList<ConflictEntry>(sorted.size());
        for (ConflictEntry e : sorted) {
            if (unique.isEmpty() || unique.getLast().compareTo(e) != 0) {
                unique.add(e);
            }
        }
        // The newest discarded writes are the ones an operator looks for; the oldest fall off.
        return List.copyOf(unique.subList(Math.max(0, unique.size() - max), unique.size()));
    }
}
