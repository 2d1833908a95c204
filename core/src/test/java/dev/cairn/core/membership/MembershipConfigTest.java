package dev.cairn.core.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MembershipConfigTest {
    private static final MembershipConfig D = MembershipConfig.DEFAULTS;

    @Test
    void theDefaultsAreTheSpecs() {
        assertThat(D.minReceipts()).isEqualTo(5);
        assertThat(D.minReachability()).isEqualTo(0.6);
        assertThat(D.membershipTtl()).isEqualTo(Duration.ofSeconds(600));
    }

    @Test
    void aBadValueIsRefusedNamingTheSettingTheValueAndTheRange() {
        assertThatThrownBy(() -> new MembershipConfig(0, 0.6, D.membershipTtl(), D.clockSkew(), 1, 1, 1, 1, 1))
                .hasMessage("DHT_MIN_RECEIPTS must be in [1, 64], got 0");
        assertThatThrownBy(() -> new MembershipConfig(5, 1.5, D.membershipTtl(), D.clockSkew(), 1, 1, 1, 1, 1))
                .hasMessage("DHT_MIN_REACHABILITY must be in (0, 1], got 1.5");
        assertThatThrownBy(() -> new MembershipConfig(5, 0.6, Duration.ZERO, Duration.ofMillis(1), 1, 1, 1, 1, 1))
                .hasMessage("DHT_MEMBERSHIP_TTL must be in [1, 86400], got 0");
        assertThatThrownBy(() -> new MembershipConfig(5, 0.6, D.membershipTtl(), Duration.ofHours(1), 1, 1, 1, 1, 1))
                .hasMessageContaining("clock skew")
                .hasMessageContaining("PT1H");
        assertThatThrownBy(() -> new MembershipConfig(5, 0.6, D.membershipTtl(), D.clockSkew(), 1, 1, 33, 1, 1))
                .hasMessage("receipts per message must be in [0, 32], got 33");
    }
}
