package dev.cairn.core.replication;

import dev.cairn.core.hash.Blake3;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.id.NodeId;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The active population indexed for placement, and the placement rule itself (docs/protocol.md, "Replication").
 *
 * <p>Candidates are kept sorted by NodeId. The nodes whose ids share the first {@code p} bits with a content are then a
 * contiguous run, found by two binary searches over the ids' first 64 bits, so placing one content costs
 * {@code O(log N)} per prefix length tried plus a rendezvous hash per eligible candidate, never a scan of the view.
 *
 * <p>Immutable and safe to share; build a new one when the view or {@code N_estimate} changes.
 */
public final class PlacementView {
    private final ReplicationConfig config;
    private final Candidate[] sorted;
    private final long[] high;
    private final byte[][] idBytes;
    private final int basePrefixBits;
    private final int minAsns;
    private final int viewOctets;
    private final int viewAsns;

    public PlacementView(List<Candidate> candidates, long nEstimate, ReplicationConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("a placement view needs at least one candidate (this node)");
        }
        if (nEstimate < 0) {
            throw new IllegalArgumentException("N_estimate must be >= 0, got " + nEstimate);
        }
        sorted = candidates.toArray(Candidate[]::new);
        Arrays.sort(sorted, Comparator.comparing(Candidate::id));
        high = new long[sorted.length];
        idBytes = new byte[sorted.length][];
        for (int i = 0; i < sorted.length; i++) {
            if (i > 0 && sorted[i].id().equals(sorted[i - 1].id())) {
                throw new IllegalArgumentException("candidate " + sorted[i].id() + " is listed twice");
            }
            idBytes[i] = sorted[i].id().value().toBytes();
            high[i] = first64(idBytes[i]);
        }
        basePrefixBits = prefixBits(nEstimate, config.replicationTarget());
        var octets = new SmallLongSet(config.minIpOctets());
        var asns = new SmallLongSet(config.minAsn());
        boolean anyAsn = false;
        for (Candidate c : sorted) {
            c.ipv4FirstOctet().ifPresent(octets::add);
            c.asn().ifPresent(asns::add);
            anyAsn |= c.asn().isPresent();
        }
        // "Where ASNs are known": a view without a single known ASN (no resolver table) waives the ASN rule.
        minAsns = anyAsn ? config.minAsn() : 0;
        viewOctets = Math.min(octets.size(), config.minIpOctets());
        viewAsns = Math.min(asns.size(), minAsns);
    }

    /**
     * {@code p = max(0, round(log2(n / r)))}, computed exactly: the largest {@code k >= 0} with
     * {@code 2 n^2 >= r^2 4^k} (that is {@code log2(n / r) >= k - 1/2}), or 0 if there is none. Halves round up; they
     * cannot occur for integers anyway, as {@code 2^(k + 1/2)} is irrational.
     */
    public static int prefixBits(long nEstimate, int replicationTarget) {
        if (nEstimate < 0 || replicationTarget < 1) {
            throw new IllegalArgumentException("need N_estimate >= 0 and R_target >= 1, got N_estimate " + nEstimate
                    + " and R_target " + replicationTarget);
        }
        BigInteger twiceN2 = BigInteger.valueOf(nEstimate).pow(2).shiftLeft(1);
        BigInteger r2 = BigInteger.valueOf(replicationTarget).pow(2);
        int k = 0;
        while (k < 64 && twiceN2.compareTo(r2.shiftLeft(2 * (k + 1))) >= 0) {
            k++;
        }
        return k;
    }

    /** {@code p} before widening. */
    public int basePrefixBits() {
        return basePrefixBits;
    }

    public int size() {
        return sorted.length;
    }

    public ReplicationConfig config() {
        return config;
    }

    /** The candidate with this id, if it is in the view. */
    public Optional<Candidate> candidate(NodeId id) {
        int i = Arrays.binarySearch(sorted, Candidate.of(id), Comparator.comparing(Candidate::id));
        return i >= 0 ? Optional.of(sorted[i]) : Optional.empty();
    }

    /**
     * {@code p} after widening: starting from {@link #basePrefixBits()}, decrease while fewer than {@code R_target}
     * candidates share the first {@code p} bits with the content and {@code p > 0}.
     */
    public int responsibleBits(ContentId content) {
        long ch = first64(content.value().toBytes());
        int p = basePrefixBits;
        while (p > 0 && upper(ch, p) - lower(ch, p) < config.replicationTarget()) {
            p--;
        }
        return p;
    }

    /** The lowest responsible NodeId. */
    public NodeId leader(ContentId content) {
        long ch = first64(content.value().toBytes());
        return sorted[lower(ch, responsibleBits(content))].id();
    }

    /** The responsible NodeIds for {@code content}, ascending (the first is the leader). */
    public List<NodeId> responsible(ContentId content) {
        return responsible(first64(content.value().toBytes()), responsibleBits(content));
    }

    private List<NodeId> responsible(long ch, int p) {
        int lo = lower(ch, p);
        int hi = upper(ch, p);
        var out = new ArrayList<NodeId>(hi - lo);
        for (int i = lo; i < hi; i++) {
            out.add(sorted[i].id());
        }
        return out;
    }

    /** Where the content lives when nobody holds it yet. */
    public Placement place(ContentId content) {
        return place(content, List.of());
    }

    /**
     * Where the content lives, preferring {@code incumbents} (current holders still in the view) so that a round moves
     * as few replicas as it can: they are eligible even outside the pool and come first in the greedy's order.
     */
    public Placement place(ContentId content, Collection<NodeId> incumbents) {
        return place(content, incumbents, Set.of());
    }

    /**
     * As {@link #place(ContentId, Collection)}, never choosing a node in {@code excluded} (nodes the leader saw fail
     * for this content: the view keeps them until membership expires them, but a lease would only fail again).
     */
    public Placement place(ContentId content, Collection<NodeId> incumbents, Set<NodeId> excluded) {
        return place(content, incumbents, excluded, Set.of());
    }

    /**
     * As {@link #place(ContentId, Collection, Set)}, ranking the pool members in {@code suspected} (nodes the leader
     * heard from before but not lately, probably down) after every other member: chosen only where the others cannot
     * fill the target or its diversity. Incumbents keep their place whether suspected or not.
     */
    public Placement place(
            ContentId content, Collection<NodeId> incumbents, Set<NodeId> excluded, Set<NodeId> suspected) {
        byte[] contentBytes = content.value().toBytes();
        long ch = first64(contentBytes);
        int p = responsibleBits(content);
        List<NodeId> responsible = responsible(ch, p);
        // Widen the lease pool (not responsibility) until it can reach the diversity the whole view can reach and has
        // R_target nodes not excluded.
        int q = p;
        while (q > 0
                && (!reachesViewDiversity(lower(ch, q), upper(ch, q))
                        || eligible(lower(ch, q), upper(ch, q), excluded) < config.replicationTarget())) {
            q--;
        }
        List<Candidate> ordered = rank(contentBytes, lower(ch, q), upper(ch, q), incumbents, excluded, suspected);
        var chosen = LeaseSelection.select(ordered, config.replicationTarget(), config.minIpOctets(), minAsns);
        return new Placement(
                content,
                p,
                q,
                responsible,
                responsible.getFirst(),
                chosen.holders(),
                config.replicationTarget(),
                diversity(chosen));
    }

    private List<Candidate> rank(
            byte[] contentBytes,
            int lo,
            int hi,
            Collection<NodeId> incumbents,
            Set<NodeId> excluded,
            Set<NodeId> suspected) {
        var entries = new ArrayList<Ranked>(hi - lo + incumbents.size());
        // BLAKE3(ContentId ‖ NodeId), as Rendezvous.score, over one reused 64-byte input.
        byte[] input = Arrays.copyOf(contentBytes, 64);
        for (NodeId id : incumbents) {
            int i = Arrays.binarySearch(sorted, Candidate.of(id), Comparator.comparing(Candidate::id));
            if (i >= 0) {
                System.arraycopy(idBytes[i], 0, input, 32, 32);
                entries.add(new Ranked(sorted[i], Blake3.hash(input), INCUMBENT));
            }
        }
        for (int i = lo; i < hi; i++) {
            if (!incumbents.contains(sorted[i].id()) && !excluded.contains(sorted[i].id())) {
                System.arraycopy(idBytes[i], 0, input, 32, 32);
                int tier = suspected.contains(sorted[i].id()) ? SUSPECTED : OTHER;
                entries.add(new Ranked(sorted[i], Blake3.hash(input), tier));
            }
        }
        entries.sort((a, b) -> a.tier != b.tier
                ? Integer.compare(a.tier, b.tier)
                : Rendezvous.compare(b.score, b.candidate.id(), a.score, a.candidate.id()));
        return entries.stream().map(Ranked::candidate).toList();
    }

    /** The greedy's order: incumbents, then the other pool members, then the suspected ones; by rank within each. */
    private static final int INCUMBENT = 0;

    private static final int OTHER = 1;
    private static final int SUSPECTED = 2;

    private record Ranked(Candidate candidate, byte[] score, int tier) {}

    private Diversity diversity(LeaseSelection.Result chosen) {
        var reasons = new ArrayList<String>();
        if (chosen.distinctOctets() < config.minIpOctets()) {
            reasons.add("holders span " + chosen.distinctOctets() + " distinct IPv4 first octets, DHT_MIN_IP_OCTETS is "
                    + config.minIpOctets() + because(viewOctets, config.minIpOctets(), "IPv4 first octets"));
        }
        if (chosen.distinctAsns() < minAsns) {
            reasons.add("holders span " + chosen.distinctAsns() + " distinct ASNs, DHT_MIN_ASN is " + minAsns
                    + because(viewAsns, minAsns, "known ASNs"));
        }
        return reasons.isEmpty()
                ? new Diversity.Diverse(chosen.distinctOctets(), chosen.distinctAsns())
                : new Diversity.UnderDiverse(
                        chosen.distinctOctets(), chosen.distinctAsns(), String.join("; ", reasons));
    }

    private static String because(int inView, int required, String what) {
        return inView < required
                ? " (the whole view has only " + inView + " distinct " + what + ")"
                : " (the view has enough; the greedy choice of " + "holders did not combine them)";
    }

    private int eligible(int lo, int hi, Set<NodeId> excluded) {
        int count = hi - lo;
        for (NodeId id : excluded) {
            int i = Arrays.binarySearch(sorted, Candidate.of(id), Comparator.comparing(Candidate::id));
            count -= i >= lo && i < hi ? 1 : 0;
        }
        return count;
    }

    private boolean reachesViewDiversity(int lo, int hi) {
        if (viewOctets == 0 && viewAsns == 0) {
            return true;
        }
        var octets = new SmallLongSet(viewOctets);
        var asns = new SmallLongSet(viewAsns);
        for (int i = lo; i < hi; i++) {
            sorted[i].ipv4FirstOctet().ifPresent(octets::add);
            sorted[i].asn().ifPresent(asns::add);
            if (octets.size() >= viewOctets && asns.size() >= viewAsns) {
                return true;
            }
        }
        return false;
    }

    /** First index whose id's first {@code p} bits are >= the content's. */
    private int lower(long contentHigh, int p) {
        long from = contentHigh & mask(p);
        return search(from, false);
    }

    /** First index whose id's first {@code p} bits are > the content's. */
    private int upper(long contentHigh, int p) {
        long to = (contentHigh & mask(p)) | ~mask(p);
        return search(to, true);
    }

    /** First index with {@code high > key} (strict) or {@code high >= key}, unsigned. */
    private int search(long key, boolean strict) {
        int lo = 0;
        int hi = high.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            int cmp = Long.compareUnsigned(high[mid], key);
            if (cmp > 0 || (cmp == 0 && !strict)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    private static long mask(int p) {
        return p == 0 ? 0L : -1L << (64 - p);
    }

    private static long first64(byte[] bytes) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (bytes[i] & 0xff);
        }
        return v;
    }
}
