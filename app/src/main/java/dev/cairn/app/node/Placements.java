package dev.cairn.app.node;

import dev.cairn.core.id.NodeId;
import dev.cairn.core.membership.Member;
import dev.cairn.core.membership.Membership;
import dev.cairn.core.replication.Candidate;
import dev.cairn.core.replication.PlacementView;
import dev.cairn.core.replication.ReplicationConfig;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** The placement view a node acts on: its active members and itself, with its N_estimate. */
final class Placements {
    private Placements() {}

    /**
     * Each member is placed where this node saw it: the first octet of the IPv4 address its handshakes came from and
     * that address's ASN, when known. This node does not know its own public address, so it places itself unknown;
     * only leaders use the octets and ASNs, for diversity among the other nodes.
     */
    static PlacementView of(NodeId self, Membership membership, ReplicationConfig config) {
        var candidates = new ArrayList<Candidate>();
        candidates.add(new Candidate(self, OptionalInt.empty(), OptionalLong.empty()));
        for (Member member : membership.activeMembers()) {
            OptionalInt octet = member.address() instanceof Inet4Address v4
                    ? OptionalInt.of(v4.getAddress()[0] & 0xff)
                    : OptionalInt.empty();
            OptionalLong asn = member.asn().isPresent()
                    ? OptionalLong.of(member.asn().get().number())
                    : OptionalLong.empty();
            candidates.add(new Candidate(member.nodeId(), octet, asn));
        }
        return new PlacementView(candidates, Math.max(1, membership.nEstimate()), config);
    }
}
