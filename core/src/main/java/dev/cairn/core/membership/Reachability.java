package dev.cairn.core.membership;

import dev.cairn.core.id.NodeId;
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
        Map<NodeId, Origin> origins = new HashMap<>();
        origins.put(self, new Origin.OfNode(self));
        members.forEach((id, c) -> origins.put(id, c.origin()));
        int distinctOrigins = new HashSet<>(origins.values()).size();

        Set<NodeId> active = new HashSet<>(origins.keySet());
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Candidate x : members.values()) {
                if (active.contains(x.node()) && !qualifies(x, active, origins, distinctOrigins, k, q)) {
                    active.remove(x.node());
                    changed = true;
                }
            }
        }
        return active;
    }

    private static boolean qualifies(
            Candidate x, Set<NodeId> active, Map<NodeId, Origin> origins, int distinctOrigins, int k, double q) {
        int eligibleIssuers = origins.size() - 1;
        int eligibleOrigins = distinctOrigins - 1; // every origin but X's own
        int needIssuers = Math.min(k, eligibleIssuers);
        int needOrigins = Math.min(k, eligibleOrigins);
        Set<NodeId> issuers = new HashSet<>();
        Set<Origin> seen = new HashSet<>();
        for (Receipt r : x.receipts()) {
            if (!r.issuer().equals(x.node()) && active.contains(r.issuer()) && issuers.add(r.issuer())) {
                Origin origin = origins.get(r.issuer());
                if (!origin.equals(x.origin())) {
                    seen.add(origin);
                }
            }
        }
        return issuers.size() >= needIssuers && (needOrigins == 0 || ratioAtLeast(seen.size(), needOrigins, q));
    }

    /** {@code origins / need >= q}, exactly: q is a decimal like 0.6 that a double does not hold exactly. */
    static boolean ratioAtLeast(int origins, int need, double q) {
        return origins >= Math.ceil(q * need - 1e-9);
    }
}
