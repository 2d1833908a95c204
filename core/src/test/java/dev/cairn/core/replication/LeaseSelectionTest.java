package dev.cairn.core.replication;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.hash.Blake3;
import dev.cairn.core.hash.Digest256;
import dev.cairn.core.id.NodeId;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeaseSelectionTest {
    static Candidate candidate(String name, int octet, long asn) {
        return Candidate.of(new NodeId(Digest256.of(Blake3.hash(name.getBytes()))), octet, asn);
    }

    static final Candidate A = candidate("a", 1, 1);
    static final Candidate B = candidate("b", 2, 2);
    static final Candidate C = candidate("c", 3, 1);
    static final Candidate D = candidate("d", 1, 3);

    @Test
    void whenTheGreedyPicksBlockEachOtherTheFirstSetThatMeetsBothMinimumsIsChosen() {
        // Greedy: A and B add both dimensions, then nothing adds both, so C (a new octet only) ends it short of ASNs.
        var result = LeaseSelection.select(List.of(A, B, C, D), 3, 3, 3);

        assertThat(result.holders()).containsExactly(B, C, D);
        assertThat(result.distinctOctets()).isEqualTo(3);
        assertThat(result.distinctAsns()).isEqualTo(3);
    }

    @Test
    void whenNoSetMeetsTheMinimumsTheGreedyChoiceIsReportedShort() {
        var result = LeaseSelection.select(List.of(A, B, C), 3, 3, 3);

        assertThat(result.holders()).containsExactly(A, B, C);
        assertThat(result.distinctAsns()).isEqualTo(2);
    }

    @Test
    void aGreedyChoiceThatMeetsTheMinimumsIsKeptInPreferenceOrder() {
        var e = candidate("e", 4, 4);
        var result = LeaseSelection.select(List.of(A, B, e, C, D), 3, 3, 3);
        assertThat(result.holders()).containsExactly(A, B, e);
    }
}
