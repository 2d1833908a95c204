package dev.cairn.core.membership;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.id.NodeId;
import dev.cairn.core.id.NodeIdentity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Laws of island filtering, over random receipt graphs. */
class ReachabilityTest {
    private static final int POOL = 12;
    private static final List<NodeIdentity> IDS = new ArrayList<>();

    static {
        for (int i = 0; i < POOL + 1; i++) {
            IDS.add(NodeIdentity.fromSeed(new byte[] {
                (byte) i, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26,
                27, 28, 29, 30, 31
            }));
        }
    }

    private static final NodeId SELF = IDS.get(POOL).nodeId();
    private static final Map<List<Integer>, Receipt> RECEIPTS = new HashMap<>();

    private static Receipt receipt(int issuer, int target) {
        return RECEIPTS.computeIfAbsent(
                List.of(issuer, target),
                k -> Receipt.issue(IDS.get(issuer), IDS.get(target).nodeId(), Optional.empty(), 0));
    }

    /** Members 0..n-1 with ASNs drawn from a few, and random receipts among them and from self (index POOL). */
    private static Map<NodeId, Reachability.Candidate> graph(long seed, int n, double density) {
        var random = new Random(seed);
        var members = new LinkedHashMap<NodeId, Reachability.Candidate>();
        for (int x = 0; x < n; x++) {
            var receipts = new ArrayList<Receipt>();
            for (int issuer : List.of(POOL, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)) {
                if ((issuer == POOL || issuer < n) && issuer != x && random.nextDouble() < density) {
                    receipts.add(receipt(issuer, x));
                }
            }
            var asn = random.nextBoolean() ? Optional.of(new Asn(1 + random.nextInt(4))) : Optional.<Asn>empty();
            NodeId id = IDS.get(x).nodeId();
            members.put(id, new Reachability.Candidate(id, Origin.of(id, asn), receipts));
        }
        return members;
    }

    @Property(tries = 200)
    void theActiveSetDoesNotDependOnTheOrderMembersAreVisited(
            @ForAll long seed, @ForAll @IntRange(min = 1, max = POOL) int n) {
        var members = graph(seed, n, 0.6);
        var shuffled = new ArrayList<>(members.entrySet());
        Collections.shuffle(shuffled, new Random(seed + 1));
        var reordered = new LinkedHashMap<NodeId, Reachability.Candidate>();
        shuffled.forEach(e -> reordered.put(e.getKey(), e.getValue()));

        assertThat(Reachability.active(SELF, reordered, 5, 0.6)).isEqualTo(Reachability.active(SELF, members, 5, 0.6));
    }

    @Property(tries = 200)
    void moreReceiptsNeverDeactivateAnyone(@ForAll long seed, @ForAll @IntRange(min = 1, max = POOL) int n) {
        var sparse = graph(seed, n, 0.4);
        var dense = new LinkedHashMap<NodeId, Reachability.Candidate>();
        var random = new Random(seed + 2);
        sparse.forEach((id, c) -> {
            var more = new ArrayList<>(c.receipts());
            int x = IDS.indexOf(
                    IDS.stream().filter(i -> i.nodeId().equals(id)).findFirst().orElseThrow());
            for (int issuer = 0; issuer < n; issuer++) {
                boolean has =
                        more.stream().anyMatch(r -> r.issuer().equals(IDS.get(0).nodeId()));
                if (issuer != x && random.nextBoolean() && !has) {
                    more.add(receipt(issuer, x));
                }
            }
            dense.put(id, new Reachability.Candidate(id, c.origin(), more));
        });

        assertThat(Reachability.active(SELF, dense, 5, 0.6)).containsAll(Reachability.active(SELF, sparse, 5, 0.6));
    }

    private static int indexOf(NodeId id) {
        for (int i = 0; i < IDS.size(); i++) {
            if (IDS.get(i).nodeId().equals(id)) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown test node " + id);
    }

    @Property(tries = 200)
    void everyActiveMemberIsVouchedForByEnoughActiveIssuers(
            @ForAll long seed, @ForAll @IntRange(min = 1, max = POOL) int n) {
        var members = graph(seed, n, 0.7);
        Set<NodeId> active = Reachability.active(SELF, members, 5, 0.6);

        assertThat(active).contains(SELF);
        for (NodeId x : active) {
            if (!x.equals(SELF)) {
                long vouchers = members.get(x).receipts().stream()
                        .filter(r -> active.contains(r.issuer()))
                        .map(Receipt::issuer)
                        .distinct()
                        .count();
                assertThat(vouchers).isGreaterThanOrEqualTo(Math.min(5, members.size()));
            }
        }
    }

    @Property(tries = 50)
    void aCompleteGraphIsActiveWhateverItsSize(@ForAll @IntRange(min = 1, max = POOL) int n) {
        var members = graph(7, n, 1.0);

        assertThat(Reachability.active(SELF, members, 5, 0.6)).hasSize(n + 1);
    }

    @Property(tries = 300)
    void theWorklistPruningFindsWhatReCheckingEveryoneFinds(
            @ForAll long seed,
            @ForAll @IntRange(min = 1, max = POOL) int n,
            @ForAll @IntRange(min = 2, max = 9) int d) {
        var members = graph(seed, n, d / 10.0);

        for (int k : List.of(1, 3, 5)) {
            assertThat(Reachability.active(SELF, members, k, 0.6)).isEqualTo(recheckEveryone(members, k, 0.6));
        }
    }

    /** The definition read literally: drop every member that fails, re-check all, until nothing changes. */
    private static Set<NodeId> recheckEveryone(Map<NodeId, Reachability.Candidate> members, int k, double q) {
        Map<NodeId, Origin> origins = new HashMap<>();
        origins.put(SELF, new Origin.OfNode(SELF));
        members.forEach((id, c) -> origins.put(id, c.origin()));
        int eligibleOrigins = new java.util.HashSet<>(origins.values()).size() - 1;
        int needIssuers = Math.min(k, origins.size() - 1);
        int needOrigins = Math.min(k, eligibleOrigins);
        var active = new java.util.HashSet<>(origins.keySet());
        boolean changed = true;
        while (changed) {
            changed = false;
            for (var x : members.values()) {
                var issuers = new java.util.HashSet<NodeId>();
                var seen = new java.util.HashSet<Origin>();
                for (Receipt r : x.receipts()) {
                    if (!r.issuer().equals(x.node()) && active.contains(r.issuer()) && issuers.add(r.issuer())) {
                        if (!origins.get(r.issuer()).equals(x.origin())) {
                            seen.add(origins.get(r.issuer()));
                        }
                    }
                }
                boolean ok = issuers.size() >= needIssuers
                        && (needOrigins == 0 || Reachability.ratioAtLeast(seen.size(), needOrigins, q));
                if (active.contains(x.node()) && !ok) {
                    active.remove(x.node());
                    changed = true;
                }
            }
        }
        return active;
    }
}
