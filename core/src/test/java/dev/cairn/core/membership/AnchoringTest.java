package dev.cairn.core.membership;

import static dev.cairn.core.membership.Network.id;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Anchoring in rounds (docs/protocol.md, "Member advertisements"): S meets only A and B; X and Z were met by A and B;
 * Y only by X and Z; W only by X. Each is in its own ASN. With k = 2, S anchors X and Z in round 1, Y in round 2
 * (through X and Z, themselves known to S only by advertisement), and never W, vouched for by one origin.
 */
class AnchoringTest {
    private static final MembershipConfig D = MembershipConfig.DEFAULTS;
    private static final MembershipConfig K2 = new MembershipConfig(
            2,
            D.minReachability(),
            D.membershipTtl(),
            D.clockSkew(),
            D.replayCacheCapacity(),
            D.maxPendingHandshakes(),
            D.receiptsPerMessage(),
            D.knownNodesPerResponse(),
            D.maxMembers());

    private final Network net = new Network(K2).withAdvertisements();
    private final Membership s = net.add(asn(1));
    private final Membership a = net.add(asn(2));
    private final Membership b = net.add(asn(3));
    private final Membership x = net.add(asn(4));
    private final Membership z = net.add(asn(5));
    private final Membership y = net.add(asn(6));
    private final Membership w = net.add(asn(7));

    private static Optional<Asn> asn(int n) {
        return Optional.of(new Asn(64_500 + n));
    }

    @Test
    void aNodeVouchedForByTwoAnchoredAdvertisedNodesIsActiveOneVouchedForByOneIsNot() {
        // Receipts first (a caller receives one from each responder), so that each advertisement signed later holds
        // them.
        for (Membership m : new Membership[] {x, z}) {
            net.handshake(m, a);
            net.handshake(m, b);
        }
        net.handshake(y, x);
        net.handshake(y, z);
        net.handshake(w, x);
        // Advertisements travel in responses: X and Z learn Y's and W's, A and B learn all four.
        net.handshake(x, y);
        net.handshake(z, y);
        net.handshake(x, w);
        for (Membership m : new Membership[] {a, b}) {
            net.handshake(m, x);
            net.handshake(m, z);
        }
        net.handshake(s, a);
        net.handshake(s, b);

        assertThat(s.members()).extracting(Member::nodeId).containsExactlyInAnyOrder(id(a), id(b));
        assertThat(s.advertisements()).extracting(ad -> ad.node().nodeId()).contains(id(x), id(z), id(y), id(w));
        assertThat(s.activeNodes())
                .extracting(NodeInfo::nodeId)
                .containsExactlyInAnyOrder(id(a), id(b), id(x), id(z), id(y));
    }

    @Test
    void aThinAdvertisementIsReSignedAMinuteLaterOnceMoreReceiptsAreHeld() throws Exception {
        var first = a.handshakeWith(net.hostOf(s)).advertisements().getFirst(); // S signs with no receipts yet
        net.handshake(s, x); // now S holds X's receipt
        net.clock.advance(java.time.Duration.ofSeconds(59));

        assertThat(b.handshakeWith(net.hostOf(s)).advertisements().getFirst()).isEqualTo(first);

        net.clock.advance(java.time.Duration.ofSeconds(1));
        var second = b.handshakeWith(net.hostOf(s)).advertisements().getFirst();

        assertThat(first.receipts()).isEmpty();
        assertThat(second.ts()).isGreaterThan(first.ts());
        assertThat(second.receipts()).extracting(Receipt::issuer).contains(id(x));
    }
}
