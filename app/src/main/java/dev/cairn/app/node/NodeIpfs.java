package dev.cairn.app.node;

import dev.cairn.adapters.http.ipfs.KuboIpfs;
import dev.cairn.app.config.IpfsConfig;
import dev.cairn.core.ipfs.Ipfs;
import dev.cairn.core.membership.IpfsInfo;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's IPFS: Kubo's RPC API when {@code IPFS_API_URL} is set, else {@link Ipfs#NONE}; and the {@code ipfs} node
 * info its handshakes carry, from Kubo's {@code /api/v0/id}.
 */
final class NodeIpfs {
    private static final Logger log = LoggerFactory.getLogger(NodeIpfs.class);
    /** How long start-up waits for Kubo's identity: a daemon that is down must not hold the node back. */
    static final Duration IDENTITY_TIMEOUT = Duration.ofSeconds(5);
    /** The handshake's limits ({@code protocol.md}): at most 16 IPFS addresses, each of 1 to 256 characters. */
    static final int MAX_ADDRESSES = 16;

    static final int MAX_ADDRESS_LENGTH = 256;
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.\\d{1,3}\\.\\d{1,3}");

    private NodeIpfs() {}

    /** Kubo at {@code IPFS_API_URL}, or {@link Ipfs#NONE}; without IPFS, says so once. */
    static Ipfs connect(IpfsConfig config, MeterRegistry registry) {
        if (config.apiUrl().isEmpty()) {
            log.info("IPFS is off: IPFS_API_URL is unset, so contents are stored and replicated without an IPFS CID,"
                    + " and handshakes name no IPFS peer");
            return Ipfs.NONE;
        }
        return new KuboIpfs(config.apiUrl().get(), config.kubo(), registry);
    }

    /**
     * Kubo's peer id and addresses as the handshake carries them, asked once at start with a timeout of at most
     * {@link #IDENTITY_TIMEOUT}; empty without IPFS, and empty with a warning when Kubo does not answer: the node
     * runs without, and says nothing about its IPFS peer until it restarts.
     */
    static Optional<IpfsInfo> identity(IpfsConfig config, MeterRegistry registry) {
        if (config.apiUrl().isEmpty()) {
            return Optional.empty();
        }
        URI api = config.apiUrl().get();
        var settings = new KuboIpfs.Settings(
                shorter(config.kubo().connectTimeout(), IDENTITY_TIMEOUT),
                shorter(config.kubo().timeout(), IDENTITY_TIMEOUT));
        try (var kubo = new KuboIpfs(api, settings, registry)) {
            IpfsInfo info = handshakeInfo(kubo.identity());
            log.info(
                    "IPFS through Kubo at {}: peer {}, {} addresses",
                    api,
                    info.peerId(),
                    info.addresses().size());
            return Optional.of(info);
        } catch (IOException | IllegalArgumentException e) {
            log.warn(
                    "IPFS through Kubo at {}, but its identity is unknown ({}); handshakes name no IPFS peer until"
                            + " the node restarts",
                    api,
                    e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * The handshake's form of Kubo's identity: Kubo lists every address it listens on, loopback and private ones
     * included, and the handshake takes at most {@link #MAX_ADDRESSES}, so those other nodes can reach come first
     * (public, then private and link-local, then loopback; otherwise in Kubo's order). An address too long for the
     * handshake is left out.
     *
     * @throws IllegalArgumentException if the peer id is too long for the handshake
     */
    static IpfsInfo handshakeInfo(Ipfs.Identity identity) {
        List<String> addresses = identity.addresses().stream()
                .filter(a -> !a.isEmpty() && a.length() <= MAX_ADDRESS_LENGTH)
                .sorted(Comparator.comparingInt(NodeIpfs::reach))
                .limit(MAX_ADDRESSES)
                .toList();
        return new IpfsInfo(identity.peerId(), addresses);
    }

    /** 0 for an address other nodes may reach, 1 for a private or link-local one, 2 for loopback. */
    static int reach(String multiaddr) {
        String[] parts = multiaddr.split("/", 4);
        if (parts.length < 3) {
            return 0;
        }
        String host = parts[2].toLowerCase(Locale.ROOT);
        if (parts[1].equals("ip4")) {
            var ip = IPV4.matcher(host);
            if (!ip.matches()) {
                return 0;
            }
            int a = Integer.parseInt(ip.group(1));
            int b = Integer.parseInt(ip.group(2));
            if (a == 127) {
                return 2;
            }
            boolean local = a == 10
                    || (a == 172 && b >= 16 && b <= 31)
                    || (a == 192 && b == 168)
                    || (a == 169 && b == 254)
                    || (a == 100 && b >= 64 && b <= 127); // carrier-grade NAT
            return local ? 1 : 0;
        }
        if (parts[1].equals("ip6")) {
            if (host.equals("::1")) {
                return 2;
            }
            boolean local = host.startsWith("fc")
                    || host.startsWith("fd")
                    || host.matches("fe[89ab].*:.*"); // unique local fc00::/7, link-local fe80::/10
            return local ? 1 : 0;
        }
        return 0;
    }

    private static Duration shorter(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
