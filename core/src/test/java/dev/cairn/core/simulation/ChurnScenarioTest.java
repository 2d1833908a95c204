package dev.cairn.core.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChurnScenarioTest {
    @Test
    void underFivePercentChurnAnHourContentsAreFullyReplicatedAlmostAllTheTime() {
        ChurnScenario.Result result = ChurnScenario.run(12, 12, 2, 0.05, 7);

        assertThat(result.crashes()).isEqualTo(2);
        assertThat(result.contentMinutes()).isEqualTo(12L * (2 * 60 + 1));
        // Each crash leaves the contents its node held short for at most the 180 s failover bound.
        assertThat(result.underReplicatedFraction()).isLessThan(0.05);
    }
}
