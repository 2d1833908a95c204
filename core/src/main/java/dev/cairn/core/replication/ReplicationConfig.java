package dev.cairn.core.replication;

import java.time.Duration;
import java.util.Objects;

/**
 * The replication numbers of the spec, each configurable (docs/protocol.md, "Replication"). Invalid values are refused
 * with the variable, the value and the allowed range.
 *
 * @param replicationTarget {@code DHT_REPLICATION_TARGET}: leases per content, at least 3
 * @param leaseTtl {@code DHT_LEASE_TTL}: how long a granted or renewed lease lasts
 * @param heartbeatInterval {@code DHT_HEARTBEAT_INTERVAL}: how often holders and leaders say they are alive
 * @param heartbeatMissThreshold {@code DHT_HEARTBEAT_MISS_THRESHOLD}: missed intervals before failover
 * @param minAsn {@code DHT_MIN_ASN}: distinct ASNs the holders must span, where ASNs are known
 * @param minIpOctets {@code DHT_MIN_IP_OCTETS}: distinct IPv4 first octets the holders must span
 */
public record ReplicationConfig(
        int replicationTarget,
        Duration leaseTtl,
        Duration heartbeatInterval,
        int heartbeatMissThreshold,
        int minAsn,
        int minIpOctets) {
    /** A content never lists more leases than {@link dev.cairn.core.dht.ContentMeta#MAX_LEASES}. */
    public static final int MAX_REPLICATION_TARGET = 64;

    public ReplicationConfig {
        Objects.requireNonNull(leaseTtl, "leaseTtl");
        Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
        check("DHT_REPLICATION_TARGET", replicationTarget, 3, MAX_REPLICATION_TARGET);
        if (heartbeatInterval.toMillis() < 1_000 || heartbeatInterval.toSeconds() > 3_600) {
            throw new IllegalArgumentException(
                    "DHT_HEARTBEAT_INTERVAL must be in [1 s, 3600 s], got " + heartbeatInterval.toMillis() + " ms");
        }
        check("DHT_HEARTBEAT_MISS_THRESHOLD", heartbeatMissThreshold, 1, 100);
        // A lease must outlive failure detection, or live holders would lapse between the leader's renewals.
        Duration detection = heartbeatInterval.multipliedBy(heartbeatMissThreshold);
        if (leaseTtl.compareTo(detection) <= 0 || leaseTtl.toDays() > 7) {
            throw new IllegalArgumentException("DHT_LEASE_TTL must be longer than DHT_HEARTBEAT_INTERVAL x "
                    + "DHT_HEARTBEAT_MISS_THRESHOLD (" + detection.toSeconds() + " s) and at most 7 days, got "
                    + leaseTtl.toMillis() + " ms");
        }
        // Diversity larger than the replica count could never be met, so it is a configuration mistake.
        check("DHT_MIN_ASN", minAsn, 0, replicationTarget);
        check("DHT_MIN_IP_OCTETS", minIpOctets, 0, replicationTarget);
    }

    /** The spec's defaults: 3 replicas, 600 s leases, 60 s heartbeats, 3 misses, 3 ASNs, 3 first octets. */
    public static ReplicationConfig defaults() {
        return new ReplicationConfig(3, Duration.ofSeconds(600), Duration.ofSeconds(60), 3, 3, 3);
    }

    /**
     * How often a node should run its replication round: twelve times per heartbeat interval (5 s by default).
     * Heartbeats and announcements still go out once per interval (the round sends them only when due); running the
     * round more often makes a leader act on a failure within 5 s of the failure window closing instead of up to a
     * whole interval later, and a new holder pin within 5 s of its lease. At one round per interval the 180 s
     * failover bound became up to 240 s, and more when a replacement holder had to pin first.
     */
    public long roundIntervalMillis() {
        return Math.max(1, heartbeatInterval.toMillis() / ROUNDS_PER_INTERVAL);
    }

    /**
     * How long a leader waits for a new holder to accept its lease (a {@code LeaseAccepted} or a holder heartbeat)
     * before it revokes the grant as failed: three rounds, 15 s by default. A replacement chosen after a crash may
     * have crashed with the holder it replaces while still in the view; without this it would be found dead only a
     * full failure window after its grant, twice the failover bound.
     */
    public long acceptanceWindowMillis() {
        return ACCEPTANCE_ROUNDS * roundIntervalMillis();
    }

    /**
     * Silence after which a leader suspects a node it has heard from before and ranks it last for new leases: one
     * heartbeat interval and two rounds (70 s by default). A node holding anything this leader tracks sends it a holder
     * heartbeat every interval; one that crashed with the holder it would replace is suspected long before the
     * failure window finds that holder silent.
     */
    public long suspectAfterMillis() {
        return heartbeatInterval.toMillis() + 2 * roundIntervalMillis();
    }

    /** Rounds a new holder has to accept its lease; the leader repeats the grant to it in each of them. */
    public static final int ACCEPTANCE_ROUNDS = 3;

    /** Replication rounds per heartbeat interval. */
    public static final int ROUNDS_PER_INTERVAL = 12;

    /** Silence after which a holder or leader counts as failed: interval x miss threshold (180 s by default). */
    public long failureAfterMillis() {
        return heartbeatInterval.toMillis() * heartbeatMissThreshold;
    }

    private static void check(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], got " + value);
        }
    }
}
