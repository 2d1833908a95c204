package dev.cairn.core.membership;

import dev.cairn.core.id.NodeId;
import dev.cairn.core.id.NodeIdentity;
import dev.cairn.core.port.ManualClock;
import dev.cairn.core.port.RandomBytes;
import dev.cairn.core.simulation.NLocalLie;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Membership instances wired through an in-memory loopback {@link PeerTransport} under one {@link ManualClock}: each
 * node has a host URL, an IPv4 address and optionally an ASN, which every node's resolver knows.
 */
final class Network {
    static final long START = 1_764_090_000_000L;

    final ManualClock clock = new ManualClock(START);
    final MembershipConfig config;
    private final Random seeds = new Random(42);
    private final Map<URI, Membership> byHost = new HashMap<>();
    private final Map<URI, InetAddress> addresses = new HashMap<>();
    private final Map<InetAddress, Asn> asnOf = new HashMap<>();
    private final List<Membership> nodes = new ArrayList<>();
    private final List<URI> hosts = new ArrayList<>();
    private final Map<URI, NodeIdentity> identities = new HashMap<>();
    private final Map<URI, Long> lies = new HashMap<>();

    Network(MembershipConfig config) {
        this.config = config;
    }

    Network() {
        this(MembershipConfig.DEFAULTS);
    }

    private List<String> capabilities = List.of("storage");

    /** Nodes added from now on list {@link Membership#ADVERTISEMENTS_CAPABILITY}: they forward and take advertisements. */
    Network withAdvertisements() {
        capabilities = List.of(Membership.ADVERTISEMENTS_CAPABILITY, "storage");
        return this;
    }

    /** Adds a public node at a fresh address, in {@code asn} if given. */
    Membership add(Optional<Asn> asn) {
        int n = nodes.size() + 1;
        byte[] seed = new byte[32];
        seeds.nextBytes(seed);
        var identity = NodeIdentity.fromSeed(seed);
        URI host = URI.create("https://node" + n + ".example");
        InetAddress address = address(n);
        asn.ifPresent(a -> asnOf.put(address, a));
        var info = new NodeInfo(
                identity.nodeId(),
                identity.publicKey(),
                Optional.of(host),
                Privacy.PUBLIC,
                capabilities,
                "cairn/test",
                Optional.empty());
        var random = new Random(n);
        RandomBytes bytes = random::nextBytes;
        var membership = new Membership(
                identity, info, config, clock, bytes, a -> Optional.ofNullable(asnOf.get(a)), this::deliver);
        byHost.put(host, membership);
        identities.put(host, identity);
        addresses.put(host, address);
        nodes.add(membership);
        hosts.add(host);
        return membership;
    }

    Membership add() {
        return add(Optional.empty());
    }

    List<Membership> addAll(int count, java.util.function.IntFunction<Optional<Asn>> asn) {
        var out = new ArrayList<Membership>();
        for (int i = 0; i < count; i++) {
            out.add(add(asn.apply(i)));
        }
        return out;
    }

    /** From now on {@code node} reports {@code nLocal} in everything it sends, whatever it really sees. */
    void lie(Membership node, long nLocal) {
        lies.put(hostOf(node), nLocal);
    }

    URI hostOf(Membership node) {
        return node.self().publicHost().orElseThrow();
    }

    /** Every ordered pair of distinct nodes handshakes once, caller first. */
    void meshRound(List<Membership> group) {
        for (Membership a : group) {
            for (Membership b : group) {
                if (a != b) {
                    handshake(a, b);
                }
            }
        }
    }

    void handshake(Membership caller, Membership responder) {
        try {
            caller.handshakeWith(hostOf(responder));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static NodeId id(Membership m) {
        return m.self().nodeId();
    }

    private PeerTransport.Reply deliver(URI peer, HandshakeRequest request) throws IOException {
        Membership target = byHost.get(peer);
        if (target == null) {
            throw new IOException("no node at " + peer);
        }
        URI callerHost = request.node().publicHost().orElseThrow();
        // Through the wire form, both ways, as a real transport would.
        var sent = HandshakeRequest.fromJson(lying(callerHost, request).toJson());
        var response = lying(peer, target.respond(sent, addresses.get(callerHost)));
        return new PeerTransport.Reply(HandshakeResponse.fromJson(response.toJson()), addresses.get(peer));
    }

    private HandshakeRequest lying(URI host, HandshakeRequest r) {
        Long n = lies.get(host);
        return n == null ? r : NLocalLie.request(identities.get(host), r, n);
    }

    private HandshakeResponse lying(URI host, HandshakeResponse r) {
        Long n = lies.get(host);
        return n == null ? r : NLocalLie.response(identities.get(host), r, n);
    }

    private static InetAddress address(int n) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) (10 + n / 65536), (byte) (n / 256), (byte) n, 1});
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
