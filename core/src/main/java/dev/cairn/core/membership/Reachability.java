package dev.cairn.core.membership;

import dev.cairn.core.id.NodeId;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Island filtering: which members are <b>active</b>, as specified in docs/protocol.md ("Reachability").
 *
 * <p>The active set is the greatest set A containing this node such that every other X in A has valid receipts from
 * at least {@code needIssuers(X) = min(k, |members ∪ self| − 1)} distinct issuers in A, whose distinct origins other
 * than X's own give {@code reachability_ratio(X) = |origins| / min(k, eligibleOrigins(X)) ≥ q}, eligibleOrigins(X)
 * being the distinct origins of all known members and self other than X's own origin. Vouching from X's own network
 * says nothing about X being reachable from elsewhere, so it counts as an issuer but never as an origin; this is what
 * keeps an island in one ASN out even when it reaches a couple of honest nodes. It is computed by pruning: start from every member, drop those
 * that fail, recount, until nothing changes. The need is fixed before pruning (it depends on the known members, not
 * on A), so pruning only ever lowers counts: the loop ends after at most |members| rounds and its result does not
 * depend on the order members are visited.
 *
 * <p>Why the greatest and not the least fixed point grown from this node: grown from one trusted node, with k > 1
 * nothing ever has k trusted issuers and the network would never start. Why receipts count only from active issuers:
 * an island vouching for itself then loses its vouchers together, so it falls as a whole. What it cannot do: tell apart
 * a clique of Sybils spread over at least ⌈q·k⌉ ASNs that this node has handshaked with from honest nodes; there the
 * defence is the cost of addresses in that many networks.
 */
final class Reachability {
    private Reachability() {}

    /** A member with the receipts this node holds for it (valid, unexpired). */
    record Candidate(NodeId node, Origin origin, Collection<Receipt> receipts) {}

    static Set<NodeId> active(NodeId self, Map<NodeId, Candidate> members, int k, double q) {
        return new Pruning(self, members).run(k, q);
    }

    /**
     * The pruning over dense indices (0 is this node, then the candidates) so that a network of a thousand members
     * with dozens of receipts each costs arrays, not hash sets: every receipt is looked at once to build the vouching
     * lists, and a node is looked at again only when one of its issuers fell. The fixed point is the same as
     * re-checking everyone until nothing changes, because falling is monotone.
     */
    private static final class Pruning {
        private final NodeId[] ids;
        private final int[] originOf;
        private final int distinctOrigins;
        /** issuersOf[x]: the distinct members (or this node) holding a receipt for x, x itself excluded. */
        private final int[][] issuersOf;
        /** vouchedBy[i]: the nodes whose issuers include i. */
        private final int[][] vouchedBy;

        Pruning(NodeId self, Map<NodeId, Candidate> members) {
            int n = members.size() + 1;
            ids = new NodeId[n];
            originOf = new int[n];
            var index = new HashMap<NodeId, Integer>(2 * n);
            var originIds = new HashMap<Origin, Integer>();
            ids[0] = self;
            index.put(self, 0);
            originOf[0] = originIds.computeIfAbsent(new Origin.OfNode(self), o -> originIds.size());
            int i = 1;
            for (Candidate c : members.values()) {
                ids[i] = c.node();
                index.put(c.node(), i);
                originOf[i] = originIds.computeIfAbsent(c.origin(), o -> originIds.size());
                i++;
            }
            distinctOrigins = originIds.size();
            issuersOf = new int[n][];
            int[] vouchCount = new int[n];
            int[] seenAt = new int[n];
            Arrays.fill(seenAt, -1);
            i = 1;
            for (Candidate c : members.values()) {
                int[] issuers = new int[c.receipts().size()];
                int count = 0;
                for (Receipt r : c.receipts()) {
                    Integer issuer = index.get(r.issuer());
                    if (issuer != null && issuer != i && seenAt[issuer] != i) {
                        seenAt[issuer] = i;
                        issuers[count++] = issuer;
                        vouchCount[issuer]++;
                    }
                }
                issuersOf[i] = Arrays.copyOf(issuers, count);
                i++;
            }
            issuersOf[0] = new int[0];
            vouchedBy = new int[n][];
            for (int x = 0; x < n; x++) {
                vouchedBy[x] = new int[vouchCount[x]];
            }
            int[] filled = new int[n];
            for (int x = 1; x < n; x++) {
                for (int issuer : issuersOf[x]) {
                    vouchedBy[issuer][filled[issuer]++] = x;
                }
            }
        }

        Set<NodeId> run(int k, double q) {
            int n = ids.length;
            int needIssuers = Math.min(k, n - 1);
            int needOrigins = Math.min(k, distinctOrigins - 1); // every origin but X's own
            boolean[] active = new boolean[n];
            Arrays.fill(active, true);
            // originSeenAt[o] == the evaluation that last counted origin o: distinct counting without clearing.
            int[] originSeenAt = new int[distinctOrigins];
            Arrays.fill(originSeenAt, -1);
            int evaluation = 0;
            var queue = new ArrayDeque<Integer>();
            boolean[] queued = new boolean[n];
            for (int x = 1; x < n; x++) {
                queue.add(x);
                queued[x] = true;
            }
            while (!queue.isEmpty()) {
                int x = queue.poll();
                queued[x] = false;
                if (!active[x] || qualifies(x, evaluation++, active, originSeenAt, needIssuers, needOrigins, q)) {
                    continue;
                }
                active[x] = false;
                for (int y : vouchedBy[x]) {
                    if (active[y] && !queued[y]) {
                        queue.add(y);
                        queued[y] = true;
                    }
                }
            }
            var result = new HashSet<NodeId>(2 * n);
            for (int x = 0; x < n; x++) {
                if (active[x]) {
                    result.add(ids[x]);
                }
            }
            return result;
        }

        private boolean qualifies(
                int x,
                int evaluation,
                boolean[] active,
                int[] originSeenAt,
                int needIssuers,
                int needOrigins,
                double q) {
            int issuers = 0;
            int origins = 0;
            for (int issuer : issuersOf[x]) {
                if (active[issuer]) {
                    issuers++;
                    int origin = originOf[issuer];
                    if (origin != originOf[x] && originSeenAt[origin] != evaluation) {
                        originSeenAt[origin] = evaluation;
                        origins++;
                    }
                }
            }
            return issuers >= needIssuers && (needOrigins == 0 || ratioAtLeast(origins, needOrigins, q));
        }
    }

    /** {@code origins / need >= q}, exactly: q is a decimal like 0.6 that a double does not hold exactly. */
    static boolean ratioAtLeast(int origins, int need, double q) {
        return origins >= Math.ceil(q * need - 1e-9);
    }
}
