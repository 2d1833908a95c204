package dev.cairn.core.membership;

import dev.cairn.core.id.NodeId;
import dev.cairn.core.id.SignatureVerifier;
import dev.cairn.core.port.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Decides whether a handshake, a response or a receipt is acceptable, each failed check with its own
 * {@link RejectionReason}.
 *
 * <p>Checks run cheapest first, so that junk costs little: self, time, replay lookup, NodeId, signature, then each
 * receipt. A request's nonce is recorded in the {@link ReplayCache} only once everything else has passed, so a message
 * that fails any check never takes a cache slot. Responses need no cache: a response must echo the nonce of a
 * handshake in flight, which is consumed on first use (see {@link Membership}). Thread-safe.
 */
public final class HandshakeVerifier {
    private final MembershipConfig config;
    private final Clock clock;
    private final NodeId self;
    private final ReplayCache replays;
    private final SignatureVerifier signatures;
    private final VerifiedReceipts verifiedReceipts;

    /** The node whose incoming messages this verifier checks (responses must answer it, receipts name it). */
    public NodeId self() {
        return self;
    }

    public HandshakeVerifier(MembershipConfig config, Clock clock, NodeId self) {
        this(config, clock, self, SignatureVerifier.direct());
    }

    /** As the other constructor, every signature checked by {@code signatures}. */
    public HandshakeVerifier(MembershipConfig config, Clock clock, NodeId self, SignatureVerifier signatures) {
        this(config, clock, self, signatures, new VerifiedReceipts(VerifiedReceipts.DEFAULT_CAPACITY, signatures));
    }

    /** As the other constructors, remembering verified receipts in {@code verifiedReceipts}, possibly shared. */
    public HandshakeVerifier(
            MembershipConfig config,
            Clock clock,
            NodeId self,
            SignatureVerifier signatures,
            VerifiedReceipts verifiedReceipts) {
        this.signatures = Objects.requireNonNull(signatures, "signatures");
        this.verifiedReceipts = Objects.requireNonNull(verifiedReceipts, "verifiedReceipts");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.self = Objects.requireNonNull(self, "self");
        this.replays = new ReplayCache(config.replayCacheCapacity());
    }

    /** Verifies {@code request} completely and records its nonce; throws on the first failed check. */
    public void verify(HandshakeRequest request) {
        long now = clock.millis();
        NodeId sender = request.node().nodeId();
        verifyContent(request, now);
        replays.record(sender, request.nonce(), request.ts() + config.skewMillis(), now);
    }

    /** Everything {@link #verify} checks except recording the nonce: for benchmarks and dry runs. */
    public void verifyContent(HandshakeRequest request, long now) {
        NodeInfo node = request.node();
        requireNotSelf(node);
        requireTimely("handshake", node.nodeId(), request.ts(), now);
        replays.requireUnseen(node.nodeId(), request.nonce(), now);
        requireOwnKey(node);
        request.verifySignature(signatures);
        verifyReceipts(request.receipts(), node.nodeId(), now);
    }

    /** Verifies a response to this node's handshake; the nonce echo is the caller's to check. */
    public void verify(HandshakeResponse response) {
        long now = clock.millis();
        NodeInfo node = response.node();
        requireNotSelf(node);
        requireTimely("response", node.nodeId(), response.ts(), now);
        requireOwnKey(node);
        response.verifySignature(signatures);
        Receipt fresh = response.receipt();
        if (!fresh.issuer().equals(node.nodeId())) {
            throw new HandshakeRejectedException(
                    RejectionReason.RECEIPT_WRONG_ISSUER,
                    "the response's receipt is issued by " + fresh.issuer() + ", not the responder " + node.nodeId());
        }
        verifyReceipt(fresh, self, now);
        verifyReceipts(response.receipts(), node.nodeId(), now);
    }

    /**
     * Verifies a forwarded member advertisement: not this node's own, NodeId, age, signature, then every receipt (which
     * must target the advertiser). Receipts expired since the advertiser signed are not an error; the caller drops them.
     */
    public void verify(MemberAdvertisement advertisement, long now) {
        NodeInfo node = advertisement.node();
        requireNotSelf(node);
        requireOwnKey(node);
        if (advertisement.ts() < now - config.ttlMillis()) {
            throw new HandshakeRejectedException(
                    RejectionReason.ADVERTISEMENT_EXPIRED,
                    "advertisement of " + node.nodeId() + " signed at " + advertisement.ts() + " ms is older than "
                            + "DHT_MEMBERSHIP_TTL " + config.membershipTtl() + " at " + now + " ms");
        }
        if (advertisement.ts() > now + config.skewMillis()) {
            throw new HandshakeRejectedException(
                    RejectionReason.ADVERTISEMENT_FROM_FUTURE,
                    "advertisement of " + node.nodeId() + " dated " + advertisement.ts() + " ms is more than "
                            + config.clockSkew() + " ahead of " + now + " ms");
        }
        advertisement.verifySignature(signatures);
        for (Receipt r : advertisement.receipts()) {
            if (r.timestampMillis() < now - config.ttlMillis()) {
                requireTarget(r, node.nodeId()); // expired since signing: dropped unchecked, but must be its own
            } else {
                verifyReceipt(r, node.nodeId(), now);
            }
        }
    }

    /** Checks one receipt presented for {@code expectedTarget}: target, issuer key, validity window, signature. */
    public void verifyReceipt(Receipt receipt, NodeId expectedTarget, long now) {
        requireTarget(receipt, expectedTarget);
        if (receipt.timestampMillis() < now - config.ttlMillis()) {
            throw new HandshakeRejectedException(
                    RejectionReason.RECEIPT_EXPIRED,
                    "receipt by " + receipt.issuer() + " for " + receipt.target() + " dated "
                            + receipt.timestampMillis() + " ms is older than DHT_MEMBERSHIP_TTL "
                            + config.membershipTtl() + " at " + now + " ms");
        }
        if (receipt.timestampMillis() > now + config.skewMillis()) {
            throw new HandshakeRejectedException(
                    RejectionReason.RECEIPT_FROM_FUTURE,
                    "receipt by " + receipt.issuer() + " dated " + receipt.timestampMillis() + " ms is more than "
                            + config.clockSkew() + " ahead of " + now + " ms");
        }
        verifiedReceipts.verifySignature(receipt);
    }

    /** How many (NodeId, nonce) pairs are remembered now. */
    public int replayCacheSize() {
        return replays.size();
    }

    private static void requireTarget(Receipt receipt, NodeId expectedTarget) {
        if (!receipt.target().equals(expectedTarget)) {
            throw new HandshakeRejectedException(
                    RejectionReason.RECEIPT_WRONG_TARGET,
                    "receipt by " + receipt.issuer() + " targets " + receipt.target() + ", not " + expectedTarget);
        }
    }

    private void verifyReceipts(List<Receipt> receipts, NodeId target, long now) {
        for (Receipt r : receipts) {
            verifyReceipt(r, target, now);
        }
    }

    private void requireNotSelf(NodeInfo node) {
        if (node.nodeId().equals(self)) {
            throw new HandshakeRejectedException(
                    RejectionReason.SELF_HANDSHAKE, "message claims this node's own NodeId " + self);
        }
    }

    private void requireTimely(String what, NodeId from, long ts, long now) {
        if (Math.abs(ts - now) > config.skewMillis()) {
            throw new HandshakeRejectedException(
                    RejectionReason.TIMESTAMP_OUT_OF_WINDOW,
                    what + " from " + from + " has ts " + ts + " ms, " + (ts - now) + " ms from this node's clock ("
                            + now + " ms); allowed skew is " + config.clockSkew());
        }
    }

    private static void requireOwnKey(NodeInfo node) {
        if (!node.publicKey().nodeId().equals(node.nodeId())) {
            throw new HandshakeRejectedException(
                    RejectionReason.NODE_ID_MISMATCH,
                    "node_id " + node.nodeId() + " is not BLAKE3 of public_key "
                            + node.publicKey().hex() + " (that is "
                            + node.publicKey().nodeId() + ")");
        }
    }
}
