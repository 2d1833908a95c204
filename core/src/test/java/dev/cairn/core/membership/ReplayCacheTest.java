package dev.cairn.core.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.id.NodeId;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ReplayCacheTest {
    private static final NodeId NODE = NodeId.fromHex("ab".repeat(32));

    @Test
    void aMillionFreshNoncesNeverGrowTheCacheBeyondItsCapacity() {
        var cache = new ReplayCache(10_000);
        int refused = 0;
        long now = 0;
        for (int i = 0; i < 1_000_000; i++) {
            now = i / 100; // 100 nonces per millisecond, each remembered for 120 s
            try {
                cache.record(NODE, String.format("%032x", i), now + 120_000, now);
            } catch (HandshakeRejectedException e) {
                assertThat(e.reason()).isEqualTo(RejectionReason.REPLAY_CACHE_FULL);
                refused++;
            }
            assertThat(cache.size()).isLessThanOrEqualTo(10_000);
        }
        assertThat(refused).isEqualTo(1_000_000 - 10_000);
    }

    @Test
    void aFullCacheRefusesNewNoncesButStillRecognisesReplays() {
        var cache = new ReplayCache(2);
        cache.record(NODE, "a", 100, 0);
        cache.record(NODE, "b", 100, 0);

        assertThatThrownBy(() -> cache.record(NODE, "c", 100, 0))
                .isInstanceOfSatisfying(
                        HandshakeRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectionReason.REPLAY_CACHE_FULL))
                .hasMessageContaining("2 unexpired");
        assertThatThrownBy(() -> cache.record(NODE, "a", 100, 0))
                .isInstanceOfSatisfying(
                        HandshakeRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectionReason.NONCE_REPLAYED));
    }

    @Test
    void expiredNoncesFreeTheirSlots() {
        var cache = new ReplayCache(1);
        cache.record(NODE, "a", 100, 0);

        assertThatCode(() -> cache.record(NODE, "b", 300, 101)).doesNotThrowAnyException();
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void aNonceIsRememberedUpToAndIncludingItsExpiry() {
        var cache = new ReplayCache(4);
        cache.record(NODE, "a", 100, 0);

        assertThatThrownBy(() -> cache.requireUnseen(NODE, "a", 100)).isInstanceOf(HandshakeRejectedException.class);
        assertThatCode(() -> cache.requireUnseen(NODE, "a", 101)).doesNotThrowAnyException();
    }

    @Test
    void keysAreNodeAndNonceTogether() {
        var cache = new ReplayCache(4);
        cache.record(NODE, "a", 100, 0);

        assertThatCode(() -> cache.record(NodeId.fromHex(HexFormat.of().formatHex(new byte[32])), "a", 100, 0))
                .doesNotThrowAnyException();
    }
}
