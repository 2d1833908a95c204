package dev.cairn.core.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrefixBitsTest {
    @ParameterizedTest(name = "N_estimate {0}, R_target {1} -> p = {2}")
    @CsvSource({
        "0, 3, 0", // empty estimate: everyone is responsible
        "1, 3, 0", // N below R: log2 < 0, clamped
        "2, 3, 0",
        "3, 3, 0",
        "4, 3, 0", // log2(1.33) = 0.42
        "5, 3, 1", // log2(1.67) = 0.74
        "8, 3, 1", // log2(2.67) = 1.42
        "9, 3, 2", // log2(3) = 1.58
        "1000, 3, 8", // log2(333) = 8.38
        "10000, 3, 12", // log2(3333) = 11.70
        "10000, 5, 11", // log2(2000) = 10.97
        "9223372036854775807, 3, 61" // log2(2^63 / 3) = 61.4
    })
    void pIsTheRoundedLogOfNOverR(long n, int r, int p) {
        assertThat(PlacementView.prefixBits(n, r)).isEqualTo(p);
    }

    @Property(tries = 1000)
    void theExactRuleAgreesWithFloatingPointAwayFromHalves(
            @ForAll @LongRange(min = 0, max = 1_000_000_000_000L) long n, @ForAll @IntRange(min = 3, max = 64) int r) {
        double log = n == 0 ? Double.NEGATIVE_INFINITY : Math.log((double) n / r) / Math.log(2);
        Assume.that(Double.isInfinite(log) || Math.abs(log - Math.floor(log) - 0.5) > 1e-9);
        long expected = Math.max(0, Math.round(log));
        assertThat(PlacementView.prefixBits(n, r)).isEqualTo((int) expected);
    }

    @ParameterizedTest
    @CsvSource({"-1, 3", "10, 0"})
    void negativeEstimatesAndTargetsAreRefusedByValue(long n, int r) {
        assertThatThrownBy(() -> PlacementView.prefixBits(n, r))
                .hasMessageContaining("N_estimate " + n)
                .hasMessageContaining("R_target " + r);
    }
}
