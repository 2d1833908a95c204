package dev.cairn.core.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class TonAmountRuleTest {
    private static final TonAmountRule RULE = TonAmountRule.standard();

    @Property
    void theFullPriceAndMoreAlwaysPay(
            @ForAll @LongRange(min = 1, max = 1_000_000_000_000L) long price,
            @ForAll @LongRange(min = 0, max = 1_000_000_000L) long extra) {
        assertThat(RULE.pays(price + extra, price)).isTrue();
    }

    @Property
    void neverMoreThanOnePercentNorTheToleranceMayBeMissing(
            @ForAll @LongRange(min = 1, max = 1_000_000_000_000L) long price) {
        long minimum = RULE.minimumFor(price);
        assertThat(price - minimum)
                .isLessThanOrEqualTo(Math.min(TonAmountRule.DEFAULT_TOLERANCE_NANOTONS, price / 100));
        assertThat(RULE.pays(minimum, price)).isTrue();
        assertThat(RULE.pays(minimum - 1, price)).isFalse();
    }

    @Test
    void examplesFromTheDocs() {
        // 2 TON: up to 0.01 TON short pays. 0.5 TON: up to 1% (0.005 TON) short pays.
        assertThat(RULE.minimumFor(2_000_000_000L)).isEqualTo(1_990_000_000L);
        assertThat(RULE.minimumFor(500_000_000L)).isEqualTo(495_000_000L);
        assertThat(new TonAmountRule(0).minimumFor(500_000_000L)).isEqualTo(500_000_000L);
        assertThatThrownBy(() -> new TonAmountRule(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
