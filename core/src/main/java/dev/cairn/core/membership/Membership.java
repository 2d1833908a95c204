package dev.cairn.core.membership;

import dev.cairn.core.dht.MembershipState;
import dev.cairn.core.id.NodeId;
import dev.cairn.core.id.NodeIdentity;
import dev.cairn.core.id.SignatureVerifier;
import dev.cairn.core.port.Clock;
import dev.cairn.core.port.RandomBytes;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * This node's side of the membership protocol: makes handshakes, answers them, takes in responses, and says which
 * members are active and how large the network is.
 *
 * <p>Verification (the expensive part) runs outside the lock; state changes run under it. Time comes from the
 * {@link Clock}, so expiry happens whenever the clock has moved past a TTL, with no scheduler. Members are only
 * nodes whose signed handshake or response this node verified itself; nodes merely listed in another node's
 * {@code known_public_nodes} are {@link #discoveredNodes() discovered}, to be dialled, not trusted.
 */
public final class Membership {
    private static final HexFormat HEX = HexFormat.of();
    private static final int NONCE_BYTES = 16;
    private static final int MAX_DISCOVERED = 4_096;

    private final NodeIdentity identity;
    private final NodeInfo self;
    private final MembershipConfig config;
    private final Clock clock;
    private final RandomBytes random;
    private final AsnResolver asns;
    private final PeerTransport transport;
    private final HandshakeVerifier verifier;
    private final MembershipView view;
    private final Map<String, Long> pending = new LinkedHashMap<>();
    /**
     * How old the active set in a handshake answer (its N_local, N_estimate and known nodes) may be: a tenth of the TTL,
     * at most a minute. Recomputing it costs O(members × receipts), and every handshake changes the inputs, so a node
     * met by a handful of peers a minute would otherwise recompute it for nearly every answer; at 1,000 nodes that was
     * half the simulator's time with a 15 s bound. Against a 600 s TTL a minute-old set says nothing stale.
     */
    static final long ANSWER_STALENESS_MAX_MILLIS = 60_000;
    /** How long expiry may lag in an answer: a second, so that an answer never presents a receipt long expired. */
    static final long ANSWER_EXPIRY_LAG_MILLIS = 1_000;

    /**
     * The capability a node lists to say it takes member advertisements: a responder forwards advertisements only to
     * callers that list it, so a v1 node without it never sees the new response member.
     */
    public static final String ADVERTISEMENTS_CAPABILITY = "member-adverts";
    /** How many advertisements a response forwards: this node's own, the freshest it holds, and a random sample. */
    static final int ADVERTISEMENTS_PER_RESPONSE = Wire.MAX_ADVERTISEMENTS;
    /**
     * How many of a response's advertisements are the ones the responder took most recently (the rest is a uniform
     * sample): news a node has just learned is likely news to its callers too, so forwarding it first spreads each new
     * version in a few hops instead of waiting to be drawn from a pool of a thousand.
     */
    static final int FRESH_FORWARDED = 31;
    /**
     * This node re-signs its advertisement once the one it holds is older than TTL / {@value}. Every version is news
     * every node must take: N nodes re-signing every TTL/d make each node take N·d/TTL versions, at 1,000 nodes and d =
     * 4 some 400 a minute against the 378 that six responses of 63 forwarded can carry. At d = 3 (300 a minute) the
     * pulls keep up; at d = 2 a version's newest receipts start to expire before the next version has spread, and
     * nodes drop out of the active set (measured: docs/performance.md, "Advertisement spread").
     */
    static final int RESIGN_DIVISOR = 3;
    /** How soon an advertisement with fewer than {@code 2k} receipts is re-signed once more are held. */
    static final long THIN_RESIGN_MILLIS = 60_000;
    /**
     * How many distinct origins of anchors (this node, its directly met members, and advertised nodes anchored before)
     * must agree on the ASN of a node known only by advertisement before its origin counts as known; until then it is
     * not active. Two, so that one member, or an island in one network, cannot invent the origins of nodes nobody else
     * has met.
     */
    static final int ANCHOR_ORIGINS = 2;

    private final Map<NodeId, NodeInfo> discovered = new LinkedHashMap<>();
    private final boolean advertises;
    /** In the order taken, the most recently taken last: fresh news is forwarded first. */
    private final LinkedHashMap<NodeId, MemberAdvertisement> advertisements = new LinkedHashMap<>();

    private MemberAdvertisement ownAdvertisement;
    private long rejectedAdvertisements;
    private Set<NodeId> activeCache;
    private long activeCachedAt = -1;
    private boolean activeDirty = true;
    private long refreshedAt = -1;
    private Set<NodeId> nLocalOf;
    private long nLocalValue;

    public Membership(
            NodeIdentity identity,
            NodeInfo self,
            MembershipConfig config,
            Clock clock,
            RandomBytes random,
            AsnResolver asns,
            PeerTransport transport) {
        this(identity, self, config, clock, random, asns, transport, SignatureVerifier.direct());
    }

    /** As the other constructor, every signature this node receives checked by {@code signatures}. */
    public Membership(
            NodeIdentity identity,
            NodeInfo self,
            MembershipConfig config,
            Clock clock,
            RandomBytes random,
            AsnResolver asns,
            PeerTransport transport,
            SignatureVerifier signatures) {
        this(
                identity,
                self,
                config,
                clock,
                random,
                asns,
                transport,
                new HandshakeVerifier(config, clock, identity.nodeId(), signatures));
    }

    /** As the other constructors, every received message checked by {@code verifier}, which must be for this node. */
    public Membership(
            NodeIdentity identity,
            NodeInfo self,
            MembershipConfig config,
            Clock clock,
            RandomBytes random,
            AsnResolver asns,
            PeerTransport transport,
            HandshakeVerifier verifier) {
        this.identity = Objects.requireNonNull(identity, "identity");
        this.self = Objects.requireNonNull(self, "self");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.asns = Objects.requireNonNull(asns, "asns");
        this.transport = Objects.requireNonNull(transport, "transport");
        if (!self.publicKey().equals(identity.publicKey()) || !self.nodeId().equals(identity.nodeId())) {
            throw new IllegalArgumentException(
                    "node info " + self.nodeId() + " does not describe identity " + identity);
        }
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        if (!verifier.self().equals(identity.nodeId())) {
            // Another node's verifier would refuse every response and receipt addressed to this one.
            throw new IllegalArgumentException(
                    "the handshake verifier is for node " + verifier.self() + ", not " + identity.nodeId());
        }
        this.view = new MembershipView(identity.nodeId());
        this.advertises = self.capabilities().contains(ADVERTISEMENTS_CAPABILITY);
    }

    public NodeInfo self() {
        return self;
    }

    /** A fresh handshake signed by this node; its nonce is awaited until {@code 2 × skew} from now. */
    public HandshakeRequest newHandshake() {
        String nonce = HEX.formatHex(random.bytes(NONCE_BYTES));
        long now;
        HandshakeMetrics metrics;
        List<Receipt> receipts;
        Optional<HeldAdvertisements> held = Optional.empty();
        synchronized (this) {
            now = clock.millis();
            refresh(now);
            if (advertises) {
                held = Optional.of(HeldAdvertisements.of(advertisements.values(), nonce));
            }
            // Like an answer's, a handshake's figures may use a slightly stale active set (answerStalenessMillis).
            metrics = new HandshakeMetrics(
                    nLocal(activeForAnswer(now)), view.members().size());
            receipts = view.ownReceipts(config.receiptsPerMessage(), presentable(now));
            pending.values().removeIf(expiry -> expiry < now);
            if (pending.size() >= config.maxPendingHandshakes()) {
                // Forgetting the oldest handshake in flight only loses its response, never accepts a forged one.
                pending.remove(pending.keySet().iterator().next());
            }
            pending.put(nonce, now + 2 * config.skewMillis());
        }
        return HandshakeRequest.sign(identity, self, metrics, receipts, held, nonce, now);
    }

    /**
     * Answers a handshake that arrived from {@code callerAddress}: verifies it, upserts the caller, keeps its receipts
     * and N report, and returns a signed response with a fresh receipt for the caller.
     *
     * @throws HandshakeRejectedException if the handshake fails a check; nothing is stored then
     */
    public HandshakeResponse respond(HandshakeRequest request, InetAddress callerAddress) {
        verifier.verify(request);
        NodeInfo caller = request.node();
        Optional<Asn> asn = asns.resolve(callerAddress);
        long now;
        Receipt receipt;
        HandshakeMetrics metrics;
        List<Receipt> receipts;
        List<NodeInfo> known;
        List<MemberAdvertisement> forwarded = List.of();
        long nEstimate;
        synchronized (this) {
            now = clock.millis();
            receipt = Receipt.issue(identity, caller.nodeId(), asn, now);
            take(caller, callerAddress, asn, request.receipts(), request.metrics(), now);
            view.store(receipt);
            // The answer's figures may use an active set up to answerStalenessMillis() old: recomputing it costs
            // O(members x receipts) and every handshake changes the inputs, so a busy node would do it per request.
            Set<NodeId> active = activeForAnswer(now);
            metrics = new HandshakeMetrics(nLocal(active), view.members().size());
            receipts = view.ownReceipts(config.receiptsPerMessage(), presentable(now));
            known = knownPublicNodes(caller.nodeId(), active);
            nEstimate = nEstimate(active);
            if (advertises && caller.capabilities().contains(ADVERTISEMENTS_CAPABILITY)) {
                forwarded = advertisementsFor(request, active, now);
            }
        }
        return HandshakeResponse.sign(
                identity, self, metrics, receipts, known, nEstimate, receipt, forwarded, request.nonce(), now);
    }

    /**
     * Takes in the response to one of this node's handshakes, received from {@code responderAddress}: verifies it,
     * upserts the responder, keeps the receipt it issued for this node, and issues one for the responder.
     *
     * @throws HandshakeRejectedException if the response fails a check or answers no handshake in flight
     */
    public void onResponse(HandshakeResponse response, InetAddress responderAddress) {
        synchronized (this) {
            Long expiry = pending.get(response.nonce());
            if (expiry == null || expiry < clock.millis()) {
                throw new HandshakeRejectedException(
                        RejectionReason.UNSOLICITED_RESPONSE,
                        "response from " + response.node().nodeId() + " echoes nonce " + response.nonce()
                                + ", which no handshake of this node has in flight");
            }
        }
        verifier.verify(response);
        NodeInfo responder = response.node();
        Optional<Asn> asn = asns.resolve(responderAddress);
        synchronized (this) {
            if (pending.remove(response.nonce()) == null) {
                throw new HandshakeRejectedException(
                        RejectionReason.UNSOLICITED_RESPONSE, "nonce " + response.nonce() + " was already answered");
            }
            long now = clock.millis();
            take(responder, responderAddress, asn, response.receipts(), response.metrics(), now);
            view.store(response.receipt());
            view.store(Receipt.issue(identity, responder.nodeId(), asn, now));
            for (NodeInfo n : response.knownPublicNodes()) {
                discover(n);
            }
            activeDirty = true;
        }
        if (advertises) {
            takeAdvertisements(response.advertisements());
        }
    }

    /** Handshakes with the peer at {@code peer} through the transport. */
    public HandshakeResponse handshakeWith(URI peer) throws IOException {
        PeerTransport.Reply reply = transport.handshake(peer, newHandshake());
        onResponse(reply.response(), reply.responderAddress());
        return reply.response();
    }

    /** Members that pass island filtering, this node excluded, ordered by NodeId. */
    public synchronized List<Member> activeMembers() {
        long now = clock.millis();
        Set<NodeId> active = active(now);
        return view.members().values().stream()
                .filter(m -> active.contains(m.nodeId()))
                .sorted(Comparator.comparing(Member::nodeId))
                .toList();
    }

    /** Every unexpired member, active or not, ordered by NodeId. */
    public synchronized List<Member> members() {
        refresh(clock.millis());
        return view.members().values().stream()
                .sorted(Comparator.comparing(Member::nodeId))
                .toList();
    }

    /**
     * Every active node but this one, met directly or known by advertisement, ordered by NodeId. Without
     * advertisements, the infos of {@link #activeMembers()}.
     */
    public synchronized List<NodeInfo> activeNodes() {
        long now = clock.millis();
        Set<NodeId> active = active(now);
        var nodes = new java.util.ArrayList<NodeInfo>();
        for (NodeId id : active) {
            Member m = view.members().get(id);
            if (m != null) {
                nodes.add(m.info());
            } else if (advertisements.containsKey(id)) {
                nodes.add(advertisements.get(id).node());
            }
        }
        nodes.sort(Comparator.comparing(NodeInfo::nodeId));
        return nodes;
    }

    /** The unexpired advertisements this node holds, its own excluded: what it may forward. */
    public synchronized List<MemberAdvertisement> advertisements() {
        refresh(clock.millis());
        return List.copyOf(advertisements.values());
    }

    /** How many forwarded advertisements failed a check and were dropped. */
    public synchronized long rejectedAdvertisements() {
        return rejectedAdvertisements;
    }

    public synchronized boolean isActive(NodeId node) {
        return active(clock.millis()).contains(node);
    }

    /** The HyperLogLog estimate of the active nodes this node sees, itself included. */
    public synchronized long nLocal() {
        return nLocal(active(clock.millis()));
    }

    /** {@code max(N_local, N_local reports of active members)}: what an island reports cannot raise it. */
    public synchronized long nEstimate() {
        return nEstimate(active(clock.millis()));
    }

    /** Public nodes other members listed, not yet members here: whom to handshake with next. */
    public synchronized List<NodeInfo> discoveredNodes() {
        refresh(clock.millis());
        var nodes = new LinkedHashMap<NodeId, NodeInfo>();
        discovered.values().stream()
                .filter(n -> !view.members().containsKey(n.nodeId()))
                .forEach(n -> nodes.put(n.nodeId(), n));
        // Nodes known only by advertisement are worth dialling too: meeting one makes its origin known here.
        advertisements.values().stream()
                .map(MemberAdvertisement::node)
                .filter(n -> n.privacy() == Privacy.PUBLIC && !view.members().containsKey(n.nodeId()))
                .forEach(n -> nodes.putIfAbsent(n.nodeId(), n));
        return List.copyOf(nodes.values());
    }

    /** This node's view as a DHT value: the members LWW set and a HyperLogLog over the active nodes. */
    public synchronized MembershipState state() {
        return view.state(active(clock.millis()));
    }

    private void take(
            NodeInfo peer,
            InetAddress address,
            Optional<Asn> asn,
            List<Receipt> receipts,
            HandshakeMetrics metrics,
            long now) {
        if (!view.members().containsKey(peer.nodeId()) && view.members().size() >= config.maxMembers()) {
            refresh(now);
            if (view.members().size() >= config.maxMembers()) {
                throw new HandshakeRejectedException(
                        RejectionReason.MEMBERSHIP_FULL,
                        "node " + peer.nodeId() + " is new and this node keeps its maximum of " + config.maxMembers()
                                + " unexpired members");
            }
        }
        view.upsert(new Member(peer, address, asn, now), now);
        receipts.forEach(view::store);
        view.report(peer.nodeId(), metrics.nLocal(), now);
        discovered.remove(peer.nodeId());
        activeDirty = true;
    }

    private void discover(NodeInfo node) {
        if (node.nodeId().equals(self.nodeId()) || !node.publicKey().nodeId().equals(node.nodeId())) {
            return;
        }
        discovered.remove(node.nodeId());
        if (discovered.size() >= MAX_DISCOVERED) {
            discovered.remove(discovered.keySet().iterator().next());
        }
        discovered.put(node.nodeId(), node);
    }

    private List<NodeInfo> knownPublicNodes(NodeId caller, Set<NodeId> active) {
        // Active members first, then the rest: listing only active ones would deadlock a network that bootstraps
        // through one seed (nobody is active before it has met others), and a listed node is only dialled, not
        // trusted.
        return view.members().values().stream()
                .filter(m -> !m.nodeId().equals(caller))
                .filter(m -> m.info().privacy() == Privacy.PUBLIC)
                .sorted(Comparator.comparing((Member m) -> !active.contains(m.nodeId()))
                        .thenComparing(
                                Comparator.comparingLong(Member::lastSeenMillis).reversed())
                        .thenComparing(Member::nodeId))
                .limit(config.knownNodesPerResponse())
                .map(Member::info)
                .toList();
    }

    /** HyperLogLog over {@code active}, remembered for the last set asked: answers reuse one set for a while. */
    private long nLocal(Set<NodeId> active) {
        if (active != nLocalOf) {
            nLocalValue = Math.max(1, Math.round(MembershipView.sketch(active).estimate()));
            nLocalOf = active;
        }
        return nLocalValue;
    }

    private long nEstimate(Set<NodeId> active) {
        long best = nLocal(active);
        for (var e : view.nReports().entrySet()) {
            if (active.contains(e.getKey())) {
                best = Math.max(best, e.getValue().nLocal());
            }
        }
        for (var a : advertisements.values()) {
            if (active.contains(a.node().nodeId())
                    && !view.nReports().containsKey(a.node().nodeId())) {
                best = Math.max(best, a.nLocal());
            }
        }
        return best;
    }

    /** The active set as of now: recomputed when anything changed or time moved since the last computation. */
    private Set<NodeId> active(long now) {
        refresh(now);
        if (activeDirty || activeCachedAt != now || activeCache == null) {
            computeActive(now);
        }
        return activeCache;
    }

    private long answerStalenessMillis() {
        return Math.min(ANSWER_STALENESS_MAX_MILLIS, config.ttlMillis() / 10);
    }

    /** The active set for a handshake answer: the last one computed (and expiry run) if recent enough. */
    private Set<NodeId> activeForAnswer(long now) {
        if (now - refreshedAt >= ANSWER_EXPIRY_LAG_MILLIS || now < refreshedAt) {
            refresh(now);
        }
        if (activeCache == null || now - activeCachedAt >= answerStalenessMillis() || now < activeCachedAt) {
            computeActive(now);
        }
        return activeCache;
    }

    private void computeActive(long now) {
        var candidates = new LinkedHashMap<NodeId, Reachability.Candidate>();
        long floor = now - config.ttlMillis();
        for (Member m : view.members().values()) {
            java.util.Collection<Receipt> receipts =
                    view.receiptsFor(m.nodeId()).values();
            MemberAdvertisement ad = advertisements.get(m.nodeId());
            if (ad != null) {
                // Both kinds count: reachability asks only which distinct issuers vouch, so a union will do.
                var both = new java.util.ArrayList<Receipt>(
                        receipts.size() + ad.receipts().size());
                both.addAll(receipts);
                both.addAll(ad.receiptsSince(floor));
                receipts = both;
            }
            candidates.put(
                    m.nodeId(), new Reachability.Candidate(m.nodeId(), Origin.of(m.nodeId(), m.asn()), receipts));
        }
        anchorAdvertised(candidates, floor);
        activeCache = Set.copyOf(
                Reachability.active(self.nodeId(), candidates, config.minReceipts(), config.minReachability()));
        activeCachedAt = now;
        activeDirty = false;
    }

    /**
     * Adds the nodes known only by advertisement whose origin is anchored, in rounds: in the first, by receipts that
     * this node or its direct members issued; in each next one, also by receipts of the nodes anchored in earlier
     * rounds. A node's origin is fixed in the round that anchors it, from the rounds before, so the result does not
     * depend on the order nodes are visited. Receipts count only from anchored issuers: an island's members anchor
     * nothing until two origins outside it vouch for them.
     */
    private void anchorAdvertised(Map<NodeId, Reachability.Candidate> candidates, long floor) {
        Map<NodeId, Origin> anchors = new HashMap<>();
        anchors.put(self.nodeId(), new Origin.OfNode(self.nodeId()));
        candidates.forEach((id, c) -> anchors.put(id, c.origin()));
        var pending = new java.util.ArrayList<MemberAdvertisement>();
        for (MemberAdvertisement ad : advertisements.values()) {
            if (!view.members().containsKey(ad.node().nodeId())) {
                pending.add(ad);
            }
        }
        var receiptsOf = new HashMap<NodeId, List<Receipt>>();
        boolean grew = true;
        while (grew && !pending.isEmpty()) {
            var anchoredNow = new LinkedHashMap<NodeId, Origin>();
            for (MemberAdvertisement ad : pending) {
                NodeId id = ad.node().nodeId();
                List<Receipt> receipts = receiptsOf.computeIfAbsent(id, x -> ad.receiptsSince(floor));
                anchoredOrigin(id, receipts, anchors).ifPresent(origin -> anchoredNow.put(id, origin));
            }
            grew = !anchoredNow.isEmpty();
            anchors.putAll(anchoredNow);
            anchoredNow.forEach(
                    (id, origin) -> candidates.put(id, new Reachability.Candidate(id, origin, receiptsOf.get(id))));
            pending.removeIf(ad -> anchoredNow.containsKey(ad.node().nodeId()));
        }
    }

    /**
     * The origin of a node known only by advertisement, from the ASNs its receipts claim: the claim backed by issuers
     * of the most distinct origins among {@code anchors}, if at least {@link #ANCHOR_ORIGINS}; else none.
     */
    private static Optional<Origin> anchoredOrigin(NodeId node, List<Receipt> receipts, Map<NodeId, Origin> anchors) {
        Map<Optional<Asn>, Set<Origin>> backing = new HashMap<>();
        for (Receipt r : receipts) {
            Origin issuerOrigin = anchors.get(r.issuer());
            if (issuerOrigin != null && !r.issuer().equals(node)) {
                backing.computeIfAbsent(r.asn(), a -> new java.util.HashSet<>()).add(issuerOrigin);
            }
        }
        Optional<Asn> best = null;
        int most = 0;
        for (var e : backing.entrySet()) {
            int n = e.getValue().size();
            if (n > most || (n == most && best != null && compare(e.getKey(), best) < 0)) {
                best = e.getKey();
                most = n;
            }
        }
        return most >= ANCHOR_ORIGINS ? Optional.of(Origin.of(node, best)) : Optional.empty();
    }

    private static int compare(Optional<Asn> a, Optional<Asn> b) {
        return Long.compare(a.map(Asn::number).orElse(0L), b.map(Asn::number).orElse(0L));
    }

    /**
     * The advertisements a response forwards to the caller of {@code request}, never the caller's own. With the caller's
     * {@link HeldAdvertisements filter}: the versions it does not hold, this node's own first, then the newest. Without
     * one: this node's own, the {@link #FRESH_FORWARDED} it took most recently, then a random sample.
     */
    private List<MemberAdvertisement> advertisementsFor(HandshakeRequest request, Set<NodeId> active, long now) {
        renewOwnAdvertisement(active, now);
        NodeId caller = request.node().nodeId();
        if (request.heldAdvertisements().isPresent()) {
            return missingFrom(request.heldAdvertisements().get(), request.nonce(), caller);
        }
        var sample = new java.util.ArrayList<MemberAdvertisement>(ADVERTISEMENTS_PER_RESPONSE);
        sample.add(ownAdvertisement);
        var pool = new java.util.ArrayList<MemberAdvertisement>(advertisements.size());
        for (MemberAdvertisement a : advertisements.sequencedValues().reversed()) {
            if (a.node().nodeId().equals(caller)) {
                continue;
            }
            if (sample.size() <= FRESH_FORWARDED) {
                sample.add(a);
            } else {
                pool.add(a);
            }
        }
        int take = Math.min(pool.size(), ADVERTISEMENTS_PER_RESPONSE - sample.size());
        byte[] draws = random.bytes(4 * Math.max(1, take));
        for (int i = 0; i < take; i++) {
            int r = ((draws[4 * i] & 0xff) << 24
                            | (draws[4 * i + 1] & 0xff) << 16
                            | (draws[4 * i + 2] & 0xff) << 8
                            | (draws[4 * i + 3] & 0xff))
                    & Integer.MAX_VALUE;
            int j = i + r % (pool.size() - i);
            var swap = pool.get(i);
            pool.set(i, pool.get(j));
            pool.set(j, swap);
            sample.add(pool.get(i));
        }
        return sample;
    }

    /**
     * Signs this node's advertisement when it has none or the one it has is due; a thin one (see {@link #thin}) is
     * replaced early, but only by one with more receipts.
     */
    private void renewOwnAdvertisement(Set<NodeId> active, long now) {
        boolean due = ownAdvertisement == null || ownAdvertisement.ts() < now - config.ttlMillis() / RESIGN_DIVISOR;
        if (!due && !thin(now)) {
            return;
        }
        // Unlike a handshake's, an advertisement's receipts may expire in transit: receivers drop those, no more.
        List<Receipt> receipts = view.ownReceipts(Wire.MAX_RECEIPTS, now - config.ttlMillis());
        if (due || receipts.size() > ownAdvertisement.receipts().size()) {
            ownAdvertisement = MemberAdvertisement.sign(identity, self, nLocal(active), receipts, now);
        }
    }

    /**
     * What a caller holding {@code held} lacks: this node's own advertisement, then the others newest first, up to
     * {@link #ADVERTISEMENTS_PER_RESPONSE}. Newest first because a newer version outlives an older one the caller lacks
     * just as much, and each is offered again by the next responder the caller asks.
     */
    private List<MemberAdvertisement> missingFrom(HeldAdvertisements held, String nonce, NodeId caller) {
        long[] salt = HeldAdvertisements.salt(nonce);
        var missing = new java.util.ArrayList<MemberAdvertisement>();
        for (MemberAdvertisement a : advertisements.values()) {
            if (!a.node().nodeId().equals(caller) && !held.mightHold(a.node().nodeId(), a.ts(), salt)) {
                missing.add(a);
            }
        }
        missing.sort(Comparator.comparingLong(MemberAdvertisement::ts)
                .reversed()
                .thenComparing(a -> a.node().nodeId()));
        var out = new java.util.ArrayList<MemberAdvertisement>(ADVERTISEMENTS_PER_RESPONSE);
        if (!held.mightHold(self.nodeId(), ownAdvertisement.ts(), salt)) {
            out.add(ownAdvertisement);
        }
        for (MemberAdvertisement a : missing) {
            if (out.size() == ADVERTISEMENTS_PER_RESPONSE) {
                break;
            }
            out.add(a);
        }
        return out;
    }

    /**
     * Whether this node's advertisement carries too few receipts for receivers to find it active ({@code 2k}) and is a
     * minute old: a node that joins signs its first one with hardly any receipts, and waiting TTL/3 to replace it would
     * keep it inactive everywhere for that long.
     */
    private boolean thin(long now) {
        return ownAdvertisement.receipts().size() < 2 * config.minReceipts()
                && now - ownAdvertisement.ts() >= THIN_RESIGN_MILLIS;
    }

    /**
     * Keeps the forwarded advertisements that are newer than the ones held and pass every check. Checked outside the
     * lock; one failing is dropped alone, since the responder only forwards what others signed.
     */
    private void takeAdvertisements(List<MemberAdvertisement> received) {
        var fresh = new java.util.ArrayList<MemberAdvertisement>();
        synchronized (this) {
            for (MemberAdvertisement a : received) {
                if (isNewer(a)) {
                    fresh.add(a);
                }
            }
        }
        var valid = new java.util.ArrayList<MemberAdvertisement>();
        int rejected = 0;
        for (MemberAdvertisement a : fresh) {
            try {
                verifier.verify(a, clock.millis());
                valid.add(a);
            } catch (HandshakeRejectedException e) {
                rejected++;
            }
        }
        synchronized (this) {
            rejectedAdvertisements += rejected;
            for (MemberAdvertisement a : valid) {
                boolean room =
                        advertisements.containsKey(a.node().nodeId()) || advertisements.size() < config.maxMembers();
                if (room && isNewer(a)) {
                    advertisements.remove(a.node().nodeId()); // re-inserted last: the order is the order taken
                    advertisements.put(a.node().nodeId(), a);
                    activeDirty = true;
                }
            }
        }
    }

    private boolean isNewer(MemberAdvertisement a) {
        if (a.node().nodeId().equals(self.nodeId())) {
            return false;
        }
        MemberAdvertisement held = advertisements.get(a.node().nodeId());
        return held == null || held.ts() < a.ts();
    }

    /**
     * The oldest receipt date this node presents at {@code now}: the receiver rejects a message carrying a receipt that
     * is expired by its own clock, which may run up to the allowed skew ahead of this one. The margin is at most half
     * the TTL: with a skew as long as the TTL (short test TTLs clamp it so) nothing would ever be presented.
     */
    private long presentable(long now) {
        return now - config.ttlMillis() + Math.min(config.skewMillis(), config.ttlMillis() / 2);
    }

    /** Expires members, receipts and reports once per instant, however many questions that instant asks. */
    private void refresh(long now) {
        if (now != refreshedAt) {
            view.expire(now, config.ttlMillis());
            long floor = now - config.ttlMillis();
            advertisements.values().removeIf(a -> a.ts() < floor);
            refreshedAt = now;
            activeDirty = true;
        }
    }

    /** For tests: every stored receipt targeting {@code node}. */
    synchronized List<Receipt> receiptsFor(NodeId node) {
        return Stream.of(view.receiptsFor(node).values())
                .flatMap(java.util.Collection::stream)
                .toList();
    }
}
