package dev.cairn.core.membership;

import static dev.cairn.core.membership.Network.id;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Which advertisements a response forwards (docs/protocol.md, "Member advertisements"): to a caller that sends
 * {@code held_advertisements}, only the versions it lacks, the responder's own first, then the newest.
 */
class AdvertisementForwardingTest {
    private final Network net = new Network().withAdvertisements();
    private final Membership s = net.add(Optional.empty());
    private final Membership c = net.add(Optional.empty());
    private final Membership x = net.add(Optional.empty());
    private final Membership y = net.add(Optional.empty());
    private final Membership z = net.add(Optional.empty());

    private static java.util.List<dev.cairn.core.id.NodeId> advertisers(HandshakeResponse r) {
        return r.advertisements().stream().map(a -> a.node().nodeId()).toList();
    }

    @Test
    void aCallerIsSentOnlyTheVersionsItDoesNotHoldTheRespondersOwnFirstThenTheNewest() throws Exception {
        net.handshake(s, x);
        net.clock.advance(Duration.ofSeconds(1));
        net.handshake(s, y);
        net.clock.advance(Duration.ofSeconds(1));
        net.handshake(s, z); // S holds X's, Y's and Z's advertisements, Z's the newest
        net.handshake(c, x); // C holds X's

        var first = c.handshakeWith(net.hostOf(s));

        assertThat(advertisers(first)).containsExactly(id(s), id(z), id(y));
        assertThat(c.advertisements())
                .extracting(a -> a.node().nodeId())
                .containsExactlyInAnyOrder(id(s), id(x), id(y), id(z));

        // Nothing new since: the response carries no advertisements at all.
        assertThat(c.handshakeWith(net.hostOf(s)).advertisements()).isEmpty();
    }

    @Test
    void aNewerVersionOfAnAdvertisementTheCallerHoldsIsNews() throws Exception {
        net.handshake(s, x);
        net.handshake(c, s);
        net.clock.advance(Duration.ofMinutes(4)); // past TTL/3: X and S sign new versions for their next callers
        net.handshake(s, x);

        var response = c.handshakeWith(net.hostOf(s));

        assertThat(advertisers(response)).containsExactly(id(s), id(x));
        assertThat(c.advertisements())
                .filteredOn(a -> a.node().nodeId().equals(id(x)))
                .singleElement()
                .satisfies(a -> assertThat(a.ts()).isEqualTo(net.clock.millis()));
    }
}
