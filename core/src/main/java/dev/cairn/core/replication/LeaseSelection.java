package dev.cairn.core.replication;

import java.util.ArrayList;
import java.util.List;

/**
 * The greedy choice of lease holders under diversity. Input is the eligible candidates in preference order (for a
 * leader, current holders first, then everyone else, each group by rendezvous rank). Three passes, each in that order,
 * each stopping at {@code target} holders:
 *
 * <ol>
 *   <li>take a candidate if it adds a new value to <em>every</em> dimension still short of its minimum (IPv4 first
 *       octet, ASN);
 *   <li>take a candidate if it adds a new value to <em>some</em> short dimension;
 *   <li>fill up with the rest.
 * </ol>
 *
 * <p>"Short" is re-evaluated after each pick; unknown octets and ASNs add nothing. Pass 1 keeps one holder from
 * spending its slot on one dimension when another candidate serves both. The greedy is not an exact solver: an early
 * pick can make both minimums unreachable together although some other set reaches them (with three holders and both
 * minimums at three, every holder needs an octet and an ASN of its own). When the greedy falls short and the pool is
 * small ({@value #EXACT_POOL_LIMIT} candidates at most, which covers every responsible pool of a sane network), the
 * sets of {@code target} candidates are searched in preference order and the first that meets both minimums wins. A
 * shortfall that remains is reported, never hidden.
 */
final class LeaseSelection {
    private LeaseSelection() {}

    /** What was chosen and the distinct octets and ASNs it spans. */
    record Result(List<Candidate> holders, int distinctOctets, int distinctAsns) {}

    /** Largest pool searched exactly: C(24, 3) = 2,024 sets, and only when the greedy fell short. */
    static final int EXACT_POOL_LIMIT = 24;

    static Result select(List<Candidate> ordered, int target, int minOctets, int minAsns) {
        Result greedy = greedy(ordered, target, minOctets, minAsns);
        boolean met = greedy.distinctOctets() >= minOctets && greedy.distinctAsns() >= minAsns;
        if (met || ordered.size() > EXACT_POOL_LIMIT || greedy.holders().size() < target) {
            return greedy;
        }
        int[] picked = new int[target];
        return search(ordered, picked, 0, 0, minOctets, minAsns) ? result(ordered, picked) : greedy;
    }

    /** Fills {@code picked[depth..]} with ascending indices; true at the first set (in preference order) that fits. */
    private static boolean search(
            List<Candidate> ordered, int[] picked, int depth, int from, int minOctets, int minAsns) {
        if (depth == picked.length) {
            Result r = result(ordered, picked);
            return r.distinctOctets() >= minOctets && r.distinctAsns() >= minAsns;
        }
        for (int i = from; i <= ordered.size() - (picked.length - depth); i++) {
            picked[depth] = i;
            if (search(ordered, picked, depth + 1, i + 1, minOctets, minAsns)) {
                return true;
            }
        }
        return false;
    }

    private static Result result(List<Candidate> ordered, int[] picked) {
        var holders = new ArrayList<Candidate>(picked.length);
        var octets = new SmallLongSet(picked.length);
        var asns = new SmallLongSet(picked.length);
        for (int i : picked) {
            Candidate c = ordered.get(i);
            holders.add(c);
            c.ipv4FirstOctet().ifPresent(octets::add);
            c.asn().ifPresent(asns::add);
        }
        return new Result(List.copyOf(holders), octets.size(), asns.size());
    }

    private static Result greedy(List<Candidate> ordered, int target, int minOctets, int minAsns) {
        var chosen = new ArrayList<Candidate>(target);
        var taken = new boolean[ordered.size()];
        var octets = new SmallLongSet(target);
        var asns = new SmallLongSet(target);
        for (int pass = 1; pass <= 3 && chosen.size() < target; pass++) {
            for (int i = 0; i < ordered.size() && chosen.size() < target; i++) {
                if (taken[i]) {
                    continue;
                }
                Candidate c = ordered.get(i);
                boolean octetShort = octets.size() < minOctets;
                boolean asnShort = asns.size() < minAsns;
                boolean addsOctet = c.ipv4FirstOctet().isPresent()
                        && !octets.contains(c.ipv4FirstOctet().getAsInt());
                boolean addsAsn = c.asn().isPresent() && !asns.contains(c.asn().getAsLong());
                boolean take = switch (pass) {
                    case 1 -> (octetShort || asnShort) && (!octetShort || addsOctet) && (!asnShort || addsAsn);
                    case 2 -> (octetShort && addsOctet) || (asnShort && addsAsn);
                    default -> true;
                };
                if (take) {
                    taken[i] = true;
                    chosen.add(c);
                    c.ipv4FirstOctet().ifPresent(octets::add);
                    c.asn().ifPresent(asns::add);
                }
            }
        }
        return new Result(List.copyOf(chosen), octets.size(), asns.size());
    }
}
