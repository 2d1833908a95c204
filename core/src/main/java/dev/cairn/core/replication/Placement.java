package dev.cairn.core.replication;

import dev.cairn.core.id.ContentId;
import dev.cairn.core.id.NodeId;
import java.util.List;
import java.util.Objects;

/**
 * Where one content lives under one view: who is responsible, who leads, who should hold its leases.
 *
 * @param content the content
 * @param prefixBits {@code p} after widening: the responsible nodes share this many leading bits with the content
 * @param poolBits the (possibly shorter) prefix whose nodes were eligible for leases, widened for diversity
 * @param responsible the responsible NodeIds, ascending
 * @param leader the lowest responsible NodeId
 * @param holders the chosen lease holders, in the order they were chosen
 * @param replicationTarget how many holders were wanted
 * @param diversity whether the holders are diverse enough, and if not why
 */
public record Placement(
        ContentId content,
        int prefixBits,
        int poolBits,
        List<NodeId> responsible,
        NodeId leader,
        List<Candidate> holders,
        int replicationTarget,
        Diversity diversity) {
    public Placement {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(leader, "leader");
        Objects.requireNonNull(diversity, "diversity");
        responsible = List.copyOf(responsible);
        holders = List.copyOf(holders);
    }

    /** Fewer holders than the target: the whole view is smaller than the target. */
    public boolean underReplicated() {
        return holders.size() < replicationTarget;
    }

    /** The holders' NodeIds. */
    public List<NodeId> holderIds() {
        return holders.stream().map(Candidate::id).toList();
    }
}
