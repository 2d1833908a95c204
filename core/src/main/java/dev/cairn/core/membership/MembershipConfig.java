package dev.cairn.core.membership;

import java.time.Duration;
import java.util.Objects;

/**
 * Membership settings, defaults from the spec.
 *
 * @param minReceipts {@code DHT_MIN_RECEIPTS} (k): distinct active issuers a member needs, degraded to what the
 *     network holds
 * @param minReachability {@code DHT_MIN_REACHABILITY} (q): the least {@code reachability_ratio} of an active member
 * @param membershipTtl {@code DHT_MEMBERSHIP_TTL}: how long a member, a receipt and an N report stay valid
 * @param clockSkew how far a message's {@code ts} may be from this node's clock; also how long a nonce is remembered
 * @param replayCacheCapacity most (NodeId, nonce) pairs remembered at once; beyond it new handshakes are refused
 * @param maxPendingHandshakes most handshakes this node has in flight, awaiting a response
 * @param receiptsPerMessage most receipts this node puts in a message (the protocol allows 32)
 * @param knownNodesPerResponse most known public nodes this node lists in a response (the protocol allows 64)
 * @param maxMembers most members this node keeps; a handshake from a new node beyond it is refused, so key pairs
 *     made by the thousand cannot exhaust memory
 */
public record MembershipConfig(
        int minReceipts,
        double minReachability,
        Duration membershipTtl,
        Duration clockSkew,
        int replayCacheCapacity,
        int maxPendingHandshakes,
        int receiptsPerMessage,
        int knownNodesPerResponse,
        int maxMembers) {

    public static final MembershipConfig DEFAULTS = new MembershipConfig(
            5, 0.6, Duration.ofSeconds(600), Duration.ofSeconds(120), 65_536, 1_024, 16, 32, 65_536);

    public MembershipConfig {
        Objects.requireNonNull(membershipTtl, "membershipTtl");
        Objects.requireNonNull(clockSkew, "clockSkew");
        requireRange("DHT_MIN_RECEIPTS", minReceipts, 1, 64);
        if (!(minReachability > 0.0 && minReachability <= 1.0)) {
            throw new IllegalArgumentException("DHT_MIN_REACHABILITY must be in (0, 1], got " + minReachability);
        }
        requireRange("DHT_MEMBERSHIP_TTL", membershipTtl.toSeconds(), 1, 86_400);
        if (clockSkew.toMillis() < 1 || clockSkew.compareTo(membershipTtl) > 0) {
            throw new IllegalArgumentException(
                    "clock skew must be in [1 ms, DHT_MEMBERSHIP_TTL = " + membershipTtl + "], got " + clockSkew);
        }
        requireRange("replay cache capacity", replayCacheCapacity, 1, 1 << 24);
        requireRange("max pending handshakes", maxPendingHandshakes, 1, 1 << 20);
        requireRange("receipts per message", receiptsPerMessage, 0, Wire.MAX_RECEIPTS);
        requireRange("known nodes per response", knownNodesPerResponse, 0, Wire.MAX_KNOWN_NODES);
        requireRange("max members", maxMembers, 1, 1 << 24);
    }

    long ttlMillis() {
        return membershipTtl.toMillis();
    }

    long skewMillis() {
        return clockSkew.toMillis();
    }

    private static void requireRange(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], got " + value);
        }
    }
}
