package dev.cairn.core.dht;

import static dev.cairn.core.dht.DhtFixtures.cid;
import static dev.cairn.core.dht.DhtFixtures.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.ipfs.Cid;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class ContentMetaTest {
    static final ContentMeta PLACED =
            new ContentMeta(4, Optional.of(node(1).nodeId()), List.of(new ReplicaLease(node(2).nodeId(), 9_000)));

    @Test
    void aNewStateHasNoCid() {
        assertThat(ContentMeta.empty().ipfsCid()).isEmpty();
        assertThat(PLACED.ipfsCid()).isEmpty();
    }

    @Test
    void theLeadersNextDecisionKeepsTheCid() {
        ContentMeta withCid = PLACED.withIpfsCid(cid(1));

        ContentMeta next = withCid.decide(5, Optional.of(node(3).nodeId()), List.of());

        assertThat(next.ipfsCid()).contains(cid(1));
        assertThat(next.revision()).isEqualTo(5);
    }

    @Test
    void withIpfsCidSetsAMissingCidAndMergesAPresentOne() {
        Cid small = smaller(cid(1), cid(2));
        Cid large = small.equals(cid(1)) ? cid(2) : cid(1);

        assertThat(PLACED.withIpfsCid(large).ipfsCid()).contains(large);
        assertThat(PLACED.withIpfsCid(large).withIpfsCid(small).ipfsCid()).contains(small);
        assertThat(PLACED.withIpfsCid(small).withIpfsCid(large).ipfsCid()).contains(small);
    }

    @Test
    void theCidIsNotADecision() {
        assertThat(PLACED.withIpfsCid(cid(1)).sameDecisions(PLACED)).isTrue();
    }

    @Test
    void aCidLongerThanARecordHoldsIsRefusedNamingItsLength() {
        var longest = new Cid("b" + "a".repeat(ContentMeta.MAX_IPFS_CID_LENGTH - 1));
        var tooLong = new Cid("b" + "a".repeat(ContentMeta.MAX_IPFS_CID_LENGTH));

        assertThat(PLACED.withIpfsCid(longest).ipfsCid()).contains(longest);
        assertThat(ContentMeta.fitsIpfsCid(tooLong)).isFalse();
        assertThatThrownBy(() -> PLACED.withIpfsCid(tooLong))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 128 characters, got 129");
    }

    @Test
    void twoDifferentCidsDisagreeAnAbsentOneDisagreesWithNothing() {
        assertThat(ContentMeta.ipfsCidsDisagree(Optional.of(cid(1)), Optional.of(cid(2))))
                .isTrue();
        assertThat(ContentMeta.ipfsCidsDisagree(Optional.of(cid(1)), Optional.of(cid(1))))
                .isFalse();
        assertThat(ContentMeta.ipfsCidsDisagree(Optional.of(cid(1)), Optional.empty()))
                .isFalse();
        assertThat(ContentMeta.ipfsCidsDisagree(Optional.empty(), Optional.empty()))
                .isFalse();
    }

    @Property(tries = 500)
    void mergingCidsIsCommutative(@ForAll("cids") Optional<Cid> a, @ForAll("cids") Optional<Cid> b) {
        assertThat(ContentMeta.mergeIpfsCid(a, b)).isEqualTo(ContentMeta.mergeIpfsCid(b, a));
    }

    @Property(tries = 500)
    void mergingCidsIsAssociative(
            @ForAll("cids") Optional<Cid> a, @ForAll("cids") Optional<Cid> b, @ForAll("cids") Optional<Cid> c) {
        assertThat(ContentMeta.mergeIpfsCid(ContentMeta.mergeIpfsCid(a, b), c))
                .isEqualTo(ContentMeta.mergeIpfsCid(a, ContentMeta.mergeIpfsCid(b, c)));
    }

    @Property(tries = 500)
    void mergingCidsIsIdempotentAndAbsenceChangesNothing(
            @ForAll("cids") Optional<Cid> a, @ForAll("cids") Optional<Cid> b) {
        assertThat(ContentMeta.mergeIpfsCid(a, a)).isEqualTo(a);
        assertThat(ContentMeta.mergeIpfsCid(a, Optional.empty())).isEqualTo(a);
        var ab = ContentMeta.mergeIpfsCid(a, b);
        assertThat(ContentMeta.mergeIpfsCid(ab, b)).isEqualTo(ab);
    }

    @Property(tries = 500)
    void aPresentCidIsNeverLostAndTheSmallerOfTwoIsKept(
            @ForAll("cids") Optional<Cid> a, @ForAll("cids") Optional<Cid> b) {
        var merged = ContentMeta.mergeIpfsCid(a, b);

        assertThat(merged.isPresent()).isEqualTo(a.isPresent() || b.isPresent());
        if (a.isPresent() && b.isPresent()) {
            assertThat(merged).contains(smaller(a.get(), b.get()));
        }
    }

    /** Absent a quarter of the time, otherwise one of six CIDs, so that equal and different pairs both occur. */
    @Provide
    Arbitrary<Optional<Cid>> cids() {
        return Arbitraries.integers().between(0, 5).map(DhtFixtures::cid).optional(0.75);
    }

    private static Cid smaller(Cid a, Cid b) {
        return a.value().compareTo(b.value()) <= 0 ? a : b;
    }
}
