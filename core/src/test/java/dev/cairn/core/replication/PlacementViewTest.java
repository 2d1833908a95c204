package dev.cairn.core.replication;

import static dev.cairn.core.replication.ReplicationFixtures.contentId;
import static dev.cairn.core.replication.ReplicationFixtures.nodeId;
import static dev.cairn.core.replication.ReplicationFixtures.randomContentId;
import static dev.cairn.core.replication.ReplicationFixtures.randomNodeId;
import static dev.cairn.core.replication.ReplicationFixtures.view;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.id.ContentId;
import dev.cairn.core.id.NodeId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class PlacementViewTest {
    final ReplicationConfig config = ReplicationConfig.defaults();
    final Random random = new Random(7);

    /** First bytes 00, 01, 40, 41, 80, c0; N_estimate 96 gives p = round(log2 32) = 5 before widening. */
    final List<Candidate> six = Stream.of(0x00, 0x01, 0x40, 0x41, 0x80, 0xc0)
            .map(b -> Candidate.of(nodeId(b, random), 10 + b % 7, 64_500 + b))
            .toList();

    @Test
    void wideningShortensThePrefixUntilRTargetNodesShareIt() {
        var view = new PlacementView(six, 96, config);
        assertThat(view.basePrefixBits()).isEqualTo(5);

        // 0x00...: 5, 4, 3, 2 bits match only 00 and 01; 1 bit matches 00, 01, 40, 41.
        Placement low = view.place(contentId(0x00, random));
        assertThat(low.prefixBits()).isEqualTo(1);
        assertThat(low.responsible())
                .containsExactly(
                        six.get(0).id(),
                        six.get(1).id(),
                        six.get(2).id(),
                        six.get(3).id());
        assertThat(low.leader()).isEqualTo(six.get(0).id());

        // 0x80...: even 1 bit matches only 80 and c0, so everyone is responsible.
        Placement high = view.place(contentId(0x80, random));
        assertThat(high.prefixBits()).isZero();
        assertThat(high.responsible()).hasSize(6);
        assertThat(high.leader()).isEqualTo(six.get(0).id());
    }

    @Test
    void anEstimateBelowTheTargetMakesEveryoneResponsible() {
        var view = new PlacementView(six, 2, config);
        assertThat(view.basePrefixBits()).isZero();
        assertThat(view.place(contentId(0x41, random)).responsible()).hasSize(6);
    }

    @Test
    void aViewSmallerThanTheTargetIsUnderReplicatedNotRefused() {
        var view = new PlacementView(six.subList(0, 2), 2, config);
        Placement placement = view.place(contentId(0x41, random));
        assertThat(placement.holders()).hasSize(2);
        assertThat(placement.underReplicated()).isTrue();
        assertThat(placement.diversity()).isInstanceOf(Diversity.UnderDiverse.class);
    }

    @Test
    void aCandidateListedTwiceIsRefusedByName() {
        assertThatThrownBy(() -> new PlacementView(List.of(six.get(0), six.get(0)), 2, config))
                .hasMessageContaining(six.get(0).id().hex());
    }

    /** Prefix ranges over sorted ids find exactly the nodes a scan with {@code sharesPrefix} finds, widening included. */
    @Property(tries = 1000)
    void responsibilityByPrefixRangeEqualsABruteForceScan(
            @ForAll @IntRange(min = 1, max = 300) int size,
            @ForAll @LongRange(min = 0, max = 5_000) long nEstimate,
            @ForAll long seed) {
        var r = new Random(seed);
        List<Candidate> candidates = view(size, 5, r);
        var view = new PlacementView(candidates, nEstimate, config);
        ContentId content = randomContentId(r);

        int p = PlacementView.prefixBits(nEstimate, 3);
        List<NodeId> scan;
        while (true) {
            int bits = p;
            scan = candidates.stream()
                    .map(Candidate::id)
                    .filter(id -> id.value().sharesPrefix(content.value(), bits))
                    .sorted()
                    .toList();
            if (scan.size() >= 3 || p == 0) {
                break;
            }
            p--;
        }
        Placement placement = view.place(content);
        assertThat(placement.prefixBits()).isEqualTo(p);
        assertThat(placement.responsible()).isEqualTo(scan);
        assertThat(placement.leader()).isEqualTo(Collections.min(scan));
        assertThat(view.leader(content)).isEqualTo(placement.leader());
    }

    @Property(tries = 300)
    void placementIsIndependentOfTheOrderTheViewWasGivenIn(
            @ForAll @IntRange(min = 1, max = 200) int size, @ForAll long seed) {
        var r = new Random(seed);
        List<Candidate> candidates = view(size, 4, r);
        var shuffled = new ArrayList<>(candidates);
        Collections.shuffle(shuffled, r);
        ContentId content = randomContentId(r);

        assertThat(new PlacementView(shuffled, size, config).place(content))
                .isEqualTo(new PlacementView(candidates, size, config).place(content));
    }

    @Test
    void withoutDiversityConstraintsHoldersAreTheTopRendezvousScores() {
        var noDiversity = new ReplicationConfig(3, config.leaseTtl(), config.heartbeatInterval(), 3, 0, 0);
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            candidates.add(Candidate.of(randomNodeId(random)));
        }
        ContentId content = randomContentId(random);
        Placement placement = new PlacementView(candidates, 0, noDiversity).place(content);

        Comparator<NodeId> byScore =
                (a, b) -> java.util.Arrays.compareUnsigned(Rendezvous.score(content, b), Rendezvous.score(content, a));
        assertThat(placement.holderIds())
                .isEqualTo(candidates.stream()
                        .map(Candidate::id)
                        .sorted(byScore)
                        .limit(3)
                        .toList());
        assertThat(placement.diversity()).isEqualTo(new Diversity.Diverse(0, 0));
    }

    @Test
    void suspectedMembersComeLastAndAreChosenOnlyWhenTheOthersCannotFillTheTarget() {
        var noDiversity = new ReplicationConfig(3, config.leaseTtl(), config.heartbeatInterval(), 3, 0, 0);
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            candidates.add(Candidate.of(randomNodeId(random)));
        }
        var view = new PlacementView(candidates, 0, noDiversity);
        ContentId content = randomContentId(random);
        List<NodeId> fresh = view.place(content).holderIds();
        NodeId incumbent = fresh.get(0);
        var suspected = java.util.Set.of(incumbent, fresh.get(1), fresh.get(2));

        List<NodeId> placed = view.place(content, List.of(incumbent), java.util.Set.of(), suspected)
                .holderIds();

        // The incumbent stays though suspected; the two other first choices give way to unsuspected members.
        assertThat(placed).contains(incumbent).doesNotContain(fresh.get(1), fresh.get(2));
        // With five of six suspected, the target is filled from them, in rank order.
        var almostAll = new HashSet<>(candidates.stream().map(Candidate::id).toList());
        NodeId spared = candidates.stream()
                .map(Candidate::id)
                .filter(id -> !fresh.contains(id))
                .findFirst()
                .orElseThrow();
        almostAll.remove(spared);
        assertThat(view.place(content, List.of(), java.util.Set.of(), almostAll).holderIds())
                .containsExactly(spared, fresh.get(0), fresh.get(1));
    }

    /**
     * Networks here have distinct octets and ASNs, so the view allows diversity exactly when it spans three networks;
     * then every content gets three holders in three networks.
     */
    @Property(tries = 300)
    void diversityIsSatisfiedWheneverThePopulationAllowsIt(
            @ForAll @IntRange(min = 3, max = 400) int size,
            @ForAll @IntRange(min = 1, max = 8) int networks,
            @ForAll long seed) {
        var r = new Random(seed);
        List<Candidate> candidates = view(size, networks, r);
        var view = new PlacementView(candidates, size, config);
        int spanned = (int)
                candidates.stream().map(c -> c.asn().getAsLong()).distinct().count();

        for (int i = 0; i < 20; i++) {
            Placement placement = view.place(randomContentId(r));
            assertThat(placement.holders()).hasSize(3);
            assertThat(new HashSet<>(placement.holderIds())).hasSize(3);
            if (spanned >= 3) {
                assertThat(placement.diversity()).isEqualTo(new Diversity.Diverse(3, 3));
            } else {
                assertThat(placement.diversity()).isInstanceOf(Diversity.UnderDiverse.class);
                assertThat(((Diversity.UnderDiverse) placement.diversity()).reason())
                        .contains("the whole view has only " + spanned);
            }
        }
    }

    @Test
    void aPopulationInOneNetworkIsReportedUnderDiverseWithTheReason() {
        List<Candidate> candidates = view(30, 1, random);
        Placement placement = new PlacementView(candidates, 30, config).place(randomContentId(random));

        assertThat(placement.holders()).hasSize(3);
        assertThat(placement.diversity())
                .isInstanceOfSatisfying(
                        Diversity.UnderDiverse.class,
                        d -> assertThat(d.reason())
                                .isEqualTo(
                                        "holders span 1 distinct IPv4 first octets, DHT_MIN_IP_OCTETS is 3 (the whole view has"
                                                + " only 1 distinct IPv4 first octets); holders span 1 distinct ASNs, DHT_MIN_ASN is 3 (the"
                                                + " whole view has only 1 distinct known ASNs)"));
    }

    @Test
    void theAsnRuleIsWaivedWhereNoAsnIsKnown() {
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            candidates.add(new Candidate(
                    randomNodeId(random), java.util.OptionalInt.of(i % 5), java.util.OptionalLong.empty()));
        }
        Placement placement = new PlacementView(candidates, 30, config).place(randomContentId(random));
        assertThat(placement.diversity()).isEqualTo(new Diversity.Diverse(3, 0));
    }

    @Test
    void incumbentsThatStillSatisfyDiversityAreKept() {
        List<Candidate> candidates = view(200, 8, random);
        var view = new PlacementView(candidates, 200, config);
        ContentId content = randomContentId(random);
        Placement fresh = view.place(content);
        // Three other nodes from three networks, none of them the fresh choice.
        var incumbents = new ArrayList<NodeId>();
        var networks = new HashSet<Long>();
        for (Candidate c : candidates) {
            if (!fresh.holderIds().contains(c.id()) && networks.add(c.asn().getAsLong()) && incumbents.size() < 3) {
                incumbents.add(c.id());
            }
        }

        Placement sticky = view.place(content, incumbents);

        assertThat(sticky.holderIds()).containsExactlyInAnyOrderElementsOf(incumbents);
        assertThat(sticky.diversity().satisfied()).isTrue();
    }
}
