package dev.cairn.adapters.http.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.port.ManualClock;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HandshakeRateLimiterTest {
    private final ManualClock clock = new ManualClock(1_000_000L);

    @Test
    void anIdlePeerMaySendABurstThenWaitsForTokens() throws Exception {
        var limiter = new HandshakeRateLimiter(new HandshakeRateLimit(0.25, 3, 10), clock);
        InetAddress peer = InetAddress.getByName("203.0.113.7");

        assertThat(limiter.acquire(peer).allowed()).isTrue();
        assertThat(limiter.acquire(peer).allowed()).isTrue();
        assertThat(limiter.acquire(peer).allowed()).isTrue();
        var refused = limiter.acquire(peer);

        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(4);
        clock.advance(Duration.ofSeconds(4));
        assertThat(limiter.acquire(peer).allowed()).isTrue();
        assertThat(limiter.acquire(peer).allowed()).isFalse();
    }

    @Test
    void peersHaveTheirOwnBuckets() throws Exception {
        var limiter = new HandshakeRateLimiter(new HandshakeRateLimit(1, 1, 10), clock);

        assertThat(limiter.acquire(InetAddress.getByName("203.0.113.7")).allowed())
                .isTrue();
        assertThat(limiter.acquire(InetAddress.getByName("203.0.113.8")).allowed())
                .isTrue();
        assertThat(limiter.acquire(InetAddress.getByName("203.0.113.7")).allowed())
                .isFalse();
    }

    @Test
    void addressesOfOneIpv6Slash64ShareABucket() throws Exception {
        var limiter = new HandshakeRateLimiter(new HandshakeRateLimit(1, 1, 10), clock);

        assertThat(limiter.acquire(InetAddress.getByName("2001:db8:1:2::1")).allowed())
                .isTrue();
        assertThat(limiter.acquire(InetAddress.getByName("2001:db8:1:2:ffff::9"))
                        .allowed())
                .isFalse();
        assertThat(limiter.acquire(InetAddress.getByName("2001:db8:1:3::1")).allowed())
                .isTrue();
    }

    @Test
    void memoryIsBoundedByForgettingTheLeastRecentlyUsedAddress() throws Exception {
        var limiter = new HandshakeRateLimiter(new HandshakeRateLimit(1, 1, 100), clock);

        for (int i = 0; i < 1_000; i++) {
            limiter.acquire(InetAddress.getByAddress(new byte[] {10, 0, (byte) (i >> 8), (byte) i}));
        }

        assertThat(limiter.trackedAddresses()).isEqualTo(100);
    }

    @Test
    void aBadLimitNamesTheSetting() {
        assertThatThrownBy(() -> new HandshakeRateLimit(0, 1, 1)).hasMessageContaining("HANDSHAKE_RATE_PER_SEC");
        assertThatThrownBy(() -> new HandshakeRateLimit(1, 0, 1)).hasMessageContaining("HANDSHAKE_RATE_BURST");
        assertThatThrownBy(() -> new HandshakeRateLimit(1, 1, 0)).hasMessageContaining("HANDSHAKE_RATE_MAX_ADDRESSES");
    }
}
