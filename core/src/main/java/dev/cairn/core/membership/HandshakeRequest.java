package dev.cairn.core.membership;

import dev.cairn.core.canonical.JsonObject;
import dev.cairn.core.canonical.JsonString;
import dev.cairn.core.id.NodeIdentity;
import dev.cairn.core.id.SignatureKind;
import dev.cairn.core.id.SignatureVerifier;
import dev.cairn.core.id.SignedJson;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A signed handshake ({@code POST /api/v1/network.handshake}): who the caller is, what it sees, receipts proving others
 * reached it, and a fresh {@code nonce} and {@code ts} against replay. Signed by the {@link SignedJson} rule, kind
 * {@code handshake}, with the key in {@code node.public_key}. An instance is well-formed; {@link HandshakeVerifier}
 * decides whether it is acceptable.
 */
public record HandshakeRequest(
        NodeInfo node,
        HandshakeMetrics metrics,
        List<Receipt> receipts,
        Optional<HeldAdvertisements> heldAdvertisements,
        String nonce,
        long ts,
        String signature) {
    public static final SignatureKind KIND = new SignatureKind("handshake");
    private static final String HELD = "held_advertisements";
    private static final Set<String> FIELDS =
            Set.of("schema_version", "node", "metrics", "receipts", HELD, "nonce", "ts", SignedJson.SIGNATURE_FIELD);

    public HandshakeRequest {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(heldAdvertisements, "heldAdvertisements");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(signature, "signature");
        receipts = List.copyOf(receipts);
        Messages.requireReceipts(receipts);
        Messages.requireNonceAndTs(nonce, ts);
    }

    /** A handshake without {@code held_advertisements}, as a node that takes no advertisements sends. */
    public HandshakeRequest(
            NodeInfo node, HandshakeMetrics metrics, List<Receipt> receipts, String nonce, long ts, String signature) {
        this(node, metrics, receipts, Optional.empty(), nonce, ts, signature);
    }

    /** A handshake signed by {@code self}, whose public key must be the one {@code node} names. */
    public static HandshakeRequest sign(
            NodeIdentity self, NodeInfo node, HandshakeMetrics metrics, List<Receipt> receipts, String nonce, long ts) {
        return sign(self, node, metrics, receipts, Optional.empty(), nonce, ts);
    }

    /** As the other {@code sign}, telling the responder which advertisement versions the caller already holds. */
    public static HandshakeRequest sign(
            NodeIdentity self,
            NodeInfo node,
            HandshakeMetrics metrics,
            List<Receipt> receipts,
            Optional<HeldAdvertisements> held,
            String nonce,
            long ts) {
        Messages.requireSigner(self, node);
        var unsigned = new HandshakeRequest(node, metrics, receipts, held, nonce, ts, "");
        JsonObject signed = SignedJson.sign(self, KIND, unsigned.unsignedJson());
        return new HandshakeRequest(
                node,
                metrics,
                receipts,
                held,
                nonce,
                ts,
                signed.require(SignedJson.SIGNATURE_FIELD, JsonString.class).value());
    }

    /** @throws HandshakeRejectedException {@link RejectionReason#BAD_SIGNATURE} */
    void verifySignature(SignatureVerifier verifier) {
        Messages.verifySignature(KIND, unsignedJson(), signature, node, "handshake", verifier);
    }

    public JsonObject toJson() {
        return unsignedJson().with(SignedJson.SIGNATURE_FIELD, new JsonString(signature));
    }

    /** Parses the wire form strictly; signature, time and receipts are checked by {@link HandshakeVerifier}. */
    public static HandshakeRequest fromJson(JsonObject json) {
        String what = "handshake";
        Wire.requireSchemaVersion(what, json);
        Wire.requireExactly(what, json, FIELDS, Set.of(HELD));
        try {
            return new HandshakeRequest(
                    NodeInfo.fromJson("handshake.node", Wire.get(what, json, "node", JsonObject.class)),
                    HandshakeMetrics.fromJson(Wire.get(what, json, "metrics", JsonObject.class)),
                    Messages.receipts(what, json, "receipts"),
                    json.has(HELD)
                            ? Optional.of(HeldAdvertisements.fromJson(
                                    what + "." + HELD, Wire.get(what, json, HELD, JsonObject.class)))
                            : Optional.empty(),
                    Wire.nonce(what, json),
                    Wire.nonNegative(what, json, "ts"),
                    Wire.get(what, json, SignedJson.SIGNATURE_FIELD, JsonString.class)
                            .value());
        } catch (IllegalArgumentException e) {
            throw Wire.malformed(what + ": " + e.getMessage());
        }
    }

    private JsonObject unsignedJson() {
        var json = JsonObject.builder();
        heldAdvertisements.ifPresent(h -> json.put(HELD, h.toJson()));
        return json.put("metrics", metrics.toJson())
                .put("node", node.toJson())
                .put("nonce", nonce)
                .put("receipts", Messages.receiptsJson(receipts))
                .put("schema_version", Wire.SCHEMA_VERSION)
                .put("ts", ts)
                .build();
    }
}
