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
 * spending its slot on one dimension when another candidate serves both. The greedy is not an exact solver (that is a
 * matching problem), so a shortfall is reported, never hidden.
 */
final class LeaseSelection {
    private LeaseSelection() {}

    /** What was chosen and the distinct octets and ASNs it spans. */
    record Result(List<Candidate> holders, int distinctOctets, int distinctAsns) {}

    static Result select(List<Candidate> ordered, int target, int minOctets, int minAsns) {
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
