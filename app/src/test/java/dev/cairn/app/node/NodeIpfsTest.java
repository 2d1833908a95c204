package dev.cairn.app.node;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.cairn.adapters.http.ipfs.FakeKubo;
import dev.cairn.adapters.http.ipfs.KuboIpfs;
import dev.cairn.adapters.http.server.LogCapture;
import dev.cairn.app.config.IpfsConfig;
import dev.cairn.core.ipfs.Ipfs;
import dev.cairn.core.membership.IpfsInfo;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class NodeIpfsTest {
    static final String PEER = "12D3KooWPeer";

    static IpfsConfig kuboAt(URI api) {
        return new IpfsConfig(Optional.of(api), true, KuboIpfs.Settings.DEFAULTS);
    }

    @Test
    void theHandshakeGetsKubosPeerIdAndAddresses() throws Exception {
        try (FakeKubo kubo = FakeKubo.start()) {
            assertThat(NodeIpfs.identity(kuboAt(kubo.apiUrl()), new SimpleMeterRegistry()))
                    .contains(new IpfsInfo(FakeKubo.PEER_ID, FakeKubo.ADDRESSES));
        }
    }

    @Test
    void aKuboThatIsDownOrHangsLeavesTheHandshakeWithoutIpfsAfterAWarning() throws Exception {
        URI down;
        try (FakeKubo kubo = FakeKubo.start()) {
            down = kubo.apiUrl();
        }
        try (var log = new LogCapture(NodeIpfs.class);
                FakeKubo hanging = FakeKubo.start()) {
            hanging.hang();

            assertThat(NodeIpfs.identity(kuboAt(down), new SimpleMeterRegistry()))
                    .isEmpty();
            long start = System.nanoTime();
            assertThat(NodeIpfs.identity(kuboAt(hanging.apiUrl()), new SimpleMeterRegistry()))
                    .isEmpty();

            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .as("start-up waits at most the identity timeout, not IPFS_TIMEOUT_SEC")
                    .isLessThan(NodeIpfs.IDENTITY_TIMEOUT.plusSeconds(3));
            assertThat(log.events())
                    .hasSize(2)
                    .allSatisfy(e -> assertThat(e.getLevel()).isEqualTo(Level.WARN));
        }
    }

    @Test
    void withoutAnApiUrlThereIsNoIpfsAndNoIdentity() {
        var off = new IpfsConfig(Optional.empty(), true, KuboIpfs.Settings.DEFAULTS);

        assertThat(NodeIpfs.connect(off, new SimpleMeterRegistry())).isSameAs(Ipfs.NONE);
        assertThat(NodeIpfs.identity(off, new SimpleMeterRegistry())).isEmpty();
    }

    @Test
    void addressesOthersCanReachComeFirstAndAtMostSixteenAreKept() {
        var addresses = new ArrayList<String>();
        addresses.add("/ip4/127.0.0.1/tcp/4001");
        addresses.add("/ip6/::1/tcp/4001");
        addresses.add("/ip4/192.168.1.5/tcp/4001");
        addresses.add("/ip6/fe80::1/tcp/4001");
        addresses.add("/ip4/" + "9".repeat(300));
        IntStream.range(0, 20).forEach(i -> addresses.add("/ip4/203.0.113." + i + "/udp/4001/quic-v1"));

        IpfsInfo info = NodeIpfs.handshakeInfo(new Ipfs.Identity(PEER, addresses));

        assertThat(info.peerId()).isEqualTo(PEER);
        assertThat(info.addresses())
                .hasSize(NodeIpfs.MAX_ADDRESSES)
                .allMatch(a -> a.startsWith("/ip4/203.0.113."))
                .startsWith("/ip4/203.0.113.0/udp/4001/quic-v1");
    }

    @Test
    void privateAndLoopbackAddressesAreKeptWhenThereIsRoom() {
        List<String> addresses = List.of(
                "/ip4/127.0.0.1/tcp/4001",
                "/ip4/10.0.0.2/tcp/4001",
                "/dns4/ipfs.example/tcp/4001",
                "/ip6/fd00::2/tcp/4001",
                "/ip6/2001:db8::1/tcp/4001");

        assertThat(NodeIpfs.handshakeInfo(new Ipfs.Identity(PEER, addresses)).addresses())
                .containsExactly(
                        "/dns4/ipfs.example/tcp/4001",
                        "/ip6/2001:db8::1/tcp/4001",
                        "/ip4/10.0.0.2/tcp/4001",
                        "/ip6/fd00::2/tcp/4001",
                        "/ip4/127.0.0.1/tcp/4001");
    }

    @Test
    void reachIsReadFromTheAddressesHost() {
        assertThat(NodeIpfs.reach("/ip4/8.8.8.8/tcp/4001")).isZero();
        assertThat(NodeIpfs.reach("/ip4/172.16.0.1/tcp/4001")).isEqualTo(1);
        assertThat(NodeIpfs.reach("/ip4/172.32.0.1/tcp/4001")).isZero();
        assertThat(NodeIpfs.reach("/ip4/169.254.3.4/tcp/4001")).isEqualTo(1);
        assertThat(NodeIpfs.reach("/ip4/100.64.0.1/tcp/4001")).isEqualTo(1);
        assertThat(NodeIpfs.reach("/ip4/127.0.0.1/udp/4001/quic-v1")).isEqualTo(2);
        assertThat(NodeIpfs.reach("/ip6/::1/tcp/4001")).isEqualTo(2);
        assertThat(NodeIpfs.reach("/p2p-circuit")).isZero();
    }
}
