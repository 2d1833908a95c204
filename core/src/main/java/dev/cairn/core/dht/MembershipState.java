package dev.cairn.core.dht;

import dev.cairn.core.crdt.ElementCodec;
import dev.cairn.core.crdt.HyperLogLog;
import dev.cairn.core.crdt.LwwElementSet;
import dev.cairn.core.id.NodeId;
import java.util.Objects;

/**
 * A node's published view of the overlay: the members it knows (an LWW element set, so a departed member can be
 * removed and re-added) and a HyperLogLog over member NodeIds from which {@code N_local} is read.
 */
public record MembershipState(LwwElementSet<NodeId> members, HyperLogLog population) implements RecordValue {

    public MembershipState {
        Objects.requireNonNull(members, "members");
        Objects.requireNonNull(population, "population");
    }

    public static MembershipState empty() {
        return new MembershipState(LwwElementSet.empty(ElementCodec.nodeId()), HyperLogLog.empty());
    }

    /** Component-wise join. */
    public MembershipState join(MembershipState other) {
        return new MembershipState(members.merge(other.members), population.merge(other.population));
    }
}
