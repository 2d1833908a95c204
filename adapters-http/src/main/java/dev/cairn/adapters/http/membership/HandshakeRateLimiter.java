package dev.cairn.adapters.http.membership;

import dev.cairn.core.port.Clock;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Token buckets per remote address for the handshake endpoint, in bounded memory.
 *
 * <p>An IPv6 caller is keyed by its /64, since one host usually holds a whole /64 and could otherwise rotate through
 * it. Buckets are kept least recently used first and the oldest is forgotten when {@code maxAddresses} are held; a
 * forgotten address comes back with a full bucket, so only a caller with more addresses than that gains anything,
 * and then at most one burst per address. Time is the injected {@link Clock}, so tests need no sleeping.
 */
public final class HandshakeRateLimiter {
    private static final HexFormat HEX = HexFormat.of();

    /** Allowed, or refused with how long until the next token. */
    public record Decision(boolean allowed, long retryAfterSeconds) {
        static final Decision ALLOW = new Decision(true, 0);
    }

    private static final class Bucket {
        double tokens;
        long updatedMillis;

        Bucket(double tokens, long updatedMillis) {
            this.tokens = tokens;
            this.updatedMillis = updatedMillis;
        }
    }

    private final HandshakeRateLimit limit;
    private final Clock clock;
    private final Map<String, Bucket> buckets;

    public HandshakeRateLimiter(HandshakeRateLimit limit, Clock clock) {
        this.limit = Objects.requireNonNull(limit, "limit");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.buckets = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > limit.maxAddresses();
            }
        };
    }

    /** Takes one token from {@code caller}'s bucket if it has one. */
    public synchronized Decision acquire(InetAddress caller) {
        long now = clock.millis();
        Bucket bucket = buckets.computeIfAbsent(key(caller), k -> new Bucket(limit.burst(), now));
        double elapsedSeconds = Math.max(0, now - bucket.updatedMillis) / 1000.0;
        bucket.tokens = Math.min(limit.burst(), bucket.tokens + elapsedSeconds * limit.perSecond());
        bucket.updatedMillis = Math.max(bucket.updatedMillis, now);
        if (bucket.tokens >= 1) {
            bucket.tokens -= 1;
            return Decision.ALLOW;
        }
        long wait = (long) Math.ceil((1 - bucket.tokens) / limit.perSecond());
        return new Decision(false, Math.max(1, wait));
    }

    /** How many addresses have a bucket: for tests of the memory bound. */
    synchronized int trackedAddresses() {
        return buckets.size();
    }

    static String key(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address) {
            return "6:" + HEX.formatHex(Arrays.copyOf(bytes, 8));
        }
        return "4:" + HEX.formatHex(bytes);
    }
}
