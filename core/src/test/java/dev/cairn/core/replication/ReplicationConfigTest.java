package dev.cairn.core.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReplicationConfigTest {
    @Test
    void theDefaultsAreTheSpecs() {
        var c = ReplicationConfig.defaults();
        assertThat(c.replicationTarget()).isEqualTo(3);
        assertThat(c.leaseTtl()).isEqualTo(Duration.ofSeconds(600));
        assertThat(c.heartbeatInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.heartbeatMissThreshold()).isEqualTo(3);
        assertThat(c.minAsn()).isEqualTo(3);
        assertThat(c.minIpOctets()).isEqualTo(3);
        assertThat(c.failureAfterMillis()).isEqualTo(180_000);
    }

    @Test
    void aReplicationTargetBelowThreeIsRefusedWithNameValueAndRange() {
        assertThatThrownBy(() -> new ReplicationConfig(2, Duration.ofSeconds(600), Duration.ofSeconds(60), 3, 2, 2))
                .hasMessage("DHT_REPLICATION_TARGET must be in [3, 64], got 2");
    }

    @Test
    void diversityAboveTheReplicationTargetIsRefused() {
        assertThatThrownBy(() -> new ReplicationConfig(3, Duration.ofSeconds(600), Duration.ofSeconds(60), 3, 4, 3))
                .hasMessage("DHT_MIN_ASN must be in [0, 3], got 4");
    }

    @Test
    void aLeaseShorterThanFailureDetectionIsRefused() {
        assertThatThrownBy(() -> new ReplicationConfig(3, Duration.ofSeconds(180), Duration.ofSeconds(60), 3, 3, 3))
                .hasMessageContaining("DHT_LEASE_TTL")
                .hasMessageContaining("180000 ms");
    }

    @Test
    void aSubSecondHeartbeatIsRefused() {
        assertThatThrownBy(() -> new ReplicationConfig(3, Duration.ofSeconds(600), Duration.ofMillis(10), 3, 3, 3))
                .hasMessageContaining("DHT_HEARTBEAT_INTERVAL")
                .hasMessageContaining("10 ms");
    }
}
