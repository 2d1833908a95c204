package dev.cairn.adapters.http.range;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ByteRangeTest {
    private static final long SIZE = 1000;

    @Test
    void theThreeFormsSelectTheirBytes() throws Exception {
        assertThat(parse("bytes=10-19")).containsExactly(new ByteRange(10, 10));
        assertThat(parse("bytes=990-")).containsExactly(new ByteRange(990, 10));
        assertThat(parse("bytes=-10")).containsExactly(new ByteRange(990, 10));
    }

    @Test
    void rangesReachingPastTheEndAreCutAtTheEnd() throws Exception {
        assertThat(parse("bytes=900-5000")).containsExactly(new ByteRange(900, 100));
        assertThat(parse("bytes=-5000")).containsExactly(new ByteRange(0, SIZE));
    }

    @Test
    void theUnitIsCaseInsensitiveAndListElementsMayBeEmptyOrSpaced() throws Exception {
        assertThat(parse("Bytes=0-0")).containsExactly(new ByteRange(0, 1));
        assertThat(parse(" bytes=0-0 ,, \t5-5, ")).containsExactly(new ByteRange(0, 1), new ByteRange(5, 1));
    }

    @Test
    void rangesComeBackAscendingWithOverlappingAndAdjacentOnesMerged() throws Exception {
        assertThat(parse("bytes=500-599,0-9,5-14,15-19,-100"))
                .containsExactly(new ByteRange(0, 20), new ByteRange(500, 100), new ByteRange(900, 100));
        assertThat(parse("bytes=0-99,10-19")).containsExactly(new ByteRange(0, 100));
    }

    @Test
    void rangesStartingPastTheEndAreDroppedWhenAnotherSelectsSomething() throws Exception {
        assertThat(parse("bytes=1000-,-0,3-3")).containsExactly(new ByteRange(3, 1));
    }

    @Test
    void aWellFormedHeaderSelectingNoByteIsUnsatisfiable() {
        for (String header : List.of("bytes=1000-", "bytes=5000-6000", "bytes=-0", "bytes=1000-,-0")) {
            assertThatThrownBy(() -> parse(header))
                    .as(header)
                    .isInstanceOf(ByteRange.Unsatisfiable.class)
                    .hasMessageContaining(header)
                    .hasMessageContaining("1000 bytes");
        }
        assertThatThrownBy(() -> ByteRange.parse("bytes=0-", 0, 8)).isInstanceOf(ByteRange.Unsatisfiable.class);
        assertThatThrownBy(() -> ByteRange.parse("bytes=-1", 0, 8)).isInstanceOf(ByteRange.Unsatisfiable.class);
    }

    @Test
    void aHeaderThisServerDoesNotHonourMeansTheWholeRepresentation() throws Exception {
        for (String header : List.of(
                "bytes=5-3",
                "bytes=0-5,9-2",
                "bytes=abc",
                "bytes=1-2-3",
                "bytes=",
                "bytes=,",
                "bytes=-",
                "bytes = 0-5",
                "items=0-5",
                "bytes=+1-2",
                "bytes=99999999999999999999-",
                "bytes=0-99999999999999999999")) {
            assertThat(parse(header)).as(header).isEmpty();
        }
        assertThat(ByteRange.parse(null, SIZE, 8)).isEmpty();
    }

    @Test
    void moreRangesThanAllowedAreIgnoredWhole() throws Exception {
        assertThat(ByteRange.parse("bytes=0-0,2-2", SIZE, 1)).isEmpty();
        assertThat(ByteRange.parse("bytes=0-0,2-2", SIZE, 2)).hasSize(2);
        assertThat(ByteRange.parse("bytes=0-0,", SIZE, 1)).containsExactly(new ByteRange(0, 1));
    }

    @Test
    void aRangeHasAtLeastOneByteWithinALong() {
        assertThatThrownBy(() -> new ByteRange(-1, 1)).hasMessageContaining("-1");
        assertThatThrownBy(() -> new ByteRange(0, 0)).hasMessageContaining("length 0");
        assertThatThrownBy(() -> new ByteRange(Long.MAX_VALUE, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new ByteRange(Long.MAX_VALUE, 1).last()).isEqualTo(Long.MAX_VALUE);
    }

    private static List<ByteRange> parse(String header) throws ByteRange.Unsatisfiable {
        return ByteRange.parse(header, SIZE, 8);
    }
}
