package dev.cairn.core.membership;

import static dev.cairn.core.membership.Network.id;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MembershipNetworkTest {

    @Test
    void aLoneNodeIsItsOwnNetwork() {
        var net = new Network();
        var alone = net.add();

        assertThat(alone.activeMembers()).isEmpty();
        assertThat(alone.nLocal()).isEqualTo(1);
        assertThat(alone.nEstimate()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 5, 8})
    void everyNodeOfASmallMeshIsActiveEverywhereAfterTwoRounds(int size) {
        var net = new Network();
        var nodes = net.addAll(size, i -> Optional.empty());

        net.meshRound(nodes);
        net.meshRound(nodes);

        for (var node : nodes) {
            assertThat(node.activeMembers())
                    .as("active members at %s", id(node))
                    .hasSize(size - 1);
            assertThat(node.nLocal()).isEqualTo(size);
            assertThat(node.nEstimate()).isEqualTo(size);
        }
    }

    @Test
    void twoNodesAreActiveForEachOtherAfterOneHandshake() {
        var net = new Network();
        var a = net.add();
        var b = net.add();

        net.handshake(a, b);

        assertThat(a.isActive(id(b))).isTrue();
        assertThat(b.isActive(id(a))).isTrue();
    }

    @Test
    void aMemberThatFallsSilentExpiresAfterTheTtl() {
        var net = new Network();
        var nodes = net.addAll(3, i -> Optional.empty());
        net.meshRound(nodes);
        net.meshRound(nodes);
        var a = nodes.get(0);
        var b = nodes.get(1);
        var silent = nodes.get(2);

        net.clock.advance(Duration.ofSeconds(300));
        net.handshake(a, b);
        net.handshake(b, a);
        net.clock.advance(Duration.ofSeconds(301));

        assertThat(a.members()).extracting(Member::nodeId).containsExactly(id(b));
        assertThat(a.isActive(id(silent))).isFalse();
        assertThat(a.nLocal()).isEqualTo(2);
        assertThat(silent.members()).isEmpty();
    }

    @Test
    void receiptsExpireWithTheTtlEvenWhileTheirTargetStaysAMember() {
        var net = new Network();
        var a = net.add();
        var b = net.add();
        net.handshake(a, b);
        assertThat(a.receiptsFor(id(b))).hasSize(1);

        net.clock.advance(Duration.ofSeconds(400));
        net.handshake(b, a); // refreshes b as a member; a's own receipt for b from the first round is older
        net.clock.advance(Duration.ofSeconds(201));

        assertThat(a.receiptsFor(id(b)))
                .allSatisfy(r -> assertThat(r.timestampMillis()).isGreaterThanOrEqualTo(Network.START + 400_000));
    }

    @Test
    void aSybilIslandNextToAnHonestNetworkStaysInactiveAndMovesNoEstimate() {
        var net = new Network();
        var honest = net.addAll(30, i -> Optional.of(new Asn(64_500 + i)));
        var sybils = net.addAll(20, i -> Optional.of(new Asn(666)));
        sybils.forEach(s -> net.lie(s, 100_000));
        net.meshRound(honest);
        var gateway = honest.get(0);
        var other = honest.get(1);
        // The island vouches for itself, and every Sybil handshakes with two honest nodes, both ways.
        net.meshRound(sybils);
        for (var s : sybils) {
            net.handshake(s, gateway);
            net.handshake(gateway, s);
            net.handshake(s, other);
        }
        net.meshRound(honest);

        for (var h : honest) {
            assertThat(h.activeMembers()).as("active at %s", id(h)).hasSize(29);
            assertThat(h.nEstimate()).as("estimate at %s", id(h)).isEqualTo(30);
        }
        assertThat(gateway.members()).hasSize(49);
        for (var s : sybils) {
            assertThat(gateway.isActive(id(s))).isFalse();
        }
    }

    @Test
    void anIslandReportingAHugePopulationCannotRaiseTheEstimate() {
        var net = new Network();
        var honest = net.addAll(6, i -> Optional.of(new Asn(64_500 + i)));
        var liars = net.addAll(3, i -> Optional.of(new Asn(666)));
        liars.forEach(s -> net.lie(s, 100_000));
        net.meshRound(honest);
        net.meshRound(honest);
        net.meshRound(liars);
        for (var s : liars) {
            net.handshake(s, honest.get(0));
        }

        assertThat(honest.get(0).nEstimate()).isEqualTo(6);
        assertThat(List.copyOf(honest.get(0).activeMembers())).hasSize(5);
    }
}
