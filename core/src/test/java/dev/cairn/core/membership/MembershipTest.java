package dev.cairn.core.membership;

import static dev.cairn.core.membership.Network.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MembershipTest {
    private final Network net = new Network();

    @Test
    void aResponseToNoHandshakeInFlightIsUnsolicitedAndAnsweredOnlyOnce() throws Exception {
        var a = net.add();
        var b = net.add();
        var request = a.newHandshake();
        var response = b.respond(request, InetAddress.getByName("10.0.0.1"));
        a.onResponse(response, InetAddress.getByName("10.0.0.2"));

        assertThatThrownBy(() -> a.onResponse(response, InetAddress.getByName("10.0.0.2")))
                .isInstanceOfSatisfying(
                        HandshakeRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectionReason.UNSOLICITED_RESPONSE))
                .hasMessageContaining(request.nonce());
    }

    @Test
    void theCallerKeepsTheRespondersReceiptAndPresentsItNextTime() {
        var a = net.add();
        var b = net.add();
        net.handshake(a, b);

        var next = a.newHandshake();

        assertThat(next.receipts()).singleElement().satisfies(r -> {
            assertThat(r.issuer()).isEqualTo(id(b));
            assertThat(r.target()).isEqualTo(id(a));
        });
    }

    @Test
    void aReceiptThatAPeerAheadByTheSkewWouldFindExpiredIsNoLongerPresented() {
        var a = net.add();
        var b = net.add();
        net.handshake(a, b);
        var d = MembershipConfig.DEFAULTS;

        // A receiver's clock may run the whole skew ahead, and it rejects a message carrying an expired receipt.
        net.clock.advance(d.membershipTtl().minus(d.clockSkew()));
        assertThat(a.newHandshake().receipts()).hasSize(1);

        net.clock.advance(java.time.Duration.ofMillis(1));
        assertThat(a.newHandshake().receipts()).isEmpty();
    }

    @Test
    void withASkewAsLongAsTheTtlReceiptsAreStillPresentedForHalfTheTtl() {
        var d = MembershipConfig.DEFAULTS;
        var shortTtl = new Network(new MembershipConfig(
                d.minReceipts(),
                d.minReachability(),
                java.time.Duration.ofSeconds(30),
                java.time.Duration.ofSeconds(30),
                d.replayCacheCapacity(),
                d.maxPendingHandshakes(),
                d.receiptsPerMessage(),
                d.knownNodesPerResponse(),
                d.maxMembers()));
        var a = shortTtl.add();
        var b = shortTtl.add();
        shortTtl.handshake(a, b);

        shortTtl.clock.advance(java.time.Duration.ofSeconds(15));
        assertThat(a.newHandshake().receipts()).hasSize(1);
        shortTtl.clock.advance(java.time.Duration.ofMillis(1));
        assertThat(a.newHandshake().receipts()).isEmpty();
    }

    @Test
    void knownPublicNodesAreDiscoveredNotTrusted() {
        var established = net.addAll(6, i -> Optional.empty());
        net.meshRound(established);
        net.meshRound(established);
        var b = established.get(0);
        var newcomer = net.add();

        net.handshake(newcomer, b);

        assertThat(newcomer.discoveredNodes())
                .extracting(NodeInfo::nodeId)
                .containsExactlyInAnyOrderElementsOf(
                        established.subList(1, 6).stream().map(Network::id).toList());
        assertThat(newcomer.members()).extracting(Member::nodeId).containsExactly(id(b));
    }

    @Test
    void activeMembersCarryTheAddressAndAsnSeen() {
        var a = net.add(Optional.of(new Asn(64500)));
        var b = net.add(Optional.of(new Asn(64501)));
        net.handshake(a, b);

        assertThat(b.activeMembers()).singleElement().satisfies(m -> {
            assertThat(m.nodeId()).isEqualTo(id(a));
            assertThat(m.asn()).contains(new Asn(64500));
            assertThat(m.address().getHostAddress()).isEqualTo("10.0.1.1");
            assertThat(m.publicHost()).isEqualTo(a.self().publicHost());
        });
        assertThat(b.state().members().elements()).containsExactly(id(a));
    }

    @Test
    void aNewNodeBeyondTheMemberCapIsRefusedUntilAMemberExpires() {
        var d = MembershipConfig.DEFAULTS;
        var capped = new Network(new MembershipConfig(
                d.minReceipts(),
                d.minReachability(),
                d.membershipTtl(),
                d.clockSkew(),
                d.replayCacheCapacity(),
                d.maxPendingHandshakes(),
                d.receiptsPerMessage(),
                d.knownNodesPerResponse(),
                2));
        var hub = capped.add();
        var first = capped.add();
        var second = capped.add();
        var third = capped.add();
        capped.handshake(first, hub);
        capped.handshake(second, hub);

        assertThatThrownBy(() -> capped.handshake(third, hub))
                .isInstanceOfSatisfying(
                        HandshakeRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectionReason.MEMBERSHIP_FULL))
                .hasMessageContaining("maximum of 2");
        assertThat(hub.members()).hasSize(2);

        // A known member still refreshes; once the others expire, the newcomer gets in.
        capped.handshake(first, hub);
        capped.clock.advance(d.membershipTtl().plusSeconds(1));
        capped.handshake(third, hub);
        assertThat(hub.members()).extracting(m -> m.nodeId()).containsExactly(Network.id(third));
    }
}
