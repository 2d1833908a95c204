package dev.cairn.core.membership;

import dev.cairn.core.canonical.JsonArray;
import dev.cairn.core.canonical.JsonObject;
import dev.cairn.core.canonical.JsonString;
import dev.cairn.core.canonical.JsonValue;
import dev.cairn.core.id.NodeId;
import dev.cairn.core.id.NodeIdentity;
import dev.cairn.core.id.SignatureKind;
import dev.cairn.core.id.SignatureVerifier;
import dev.cairn.core.id.SignedJson;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The responder's signed answer to a {@link HandshakeRequest}: its own node info, metrics and receipts (so one
 * exchange informs both sides), up to {@value Wire#MAX_KNOWN_NODES} active public nodes it knows, its
 * {@code n_estimate}, a fresh {@code receipt} for the caller, and the caller's {@code nonce} echoed, which binds the
 * response to the request. Kind {@code handshake-response}.
 */
public record HandshakeResponse(
        NodeInfo node,
        HandshakeMetrics metrics,
        List<Receipt> receipts,
        List<NodeInfo> knownPublicNodes,
        long nEstimate,
        Receipt receipt,
        List<MemberAdvertisement> advertisements,
        String nonce,
        long ts,
        String signature) {
    public static final SignatureKind KIND = new SignatureKind("handshake-response");
    private static final Set<String> FIELDS = Set.of(
            "schema_version",
            "node",
            "metrics",
            "receipts",
            "known_public_nodes",
            "n_estimate",
            "receipt",
            "advertisements",
            "nonce",
            "ts",
            SignedJson.SIGNATURE_FIELD);

    public HandshakeResponse {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(receipt, "receipt");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(signature, "signature");
        receipts = List.copyOf(receipts);
        knownPublicNodes = List.copyOf(knownPublicNodes);
        advertisements = List.copyOf(advertisements);
        if (advertisements.size() > Wire.MAX_ADVERTISEMENTS) {
            throw new IllegalArgumentException(
                    "at most " + Wire.MAX_ADVERTISEMENTS + " advertisements, got " + advertisements.size());
        }
        var advertised = new HashSet<NodeId>();
        for (MemberAdvertisement a : advertisements) {
            if (!advertised.add(a.node().nodeId())) {
                throw new IllegalArgumentException(
                        "two advertisements of " + a.node().nodeId() + "; one per node");
            }
        }
        Messages.requireReceipts(receipts);
        Messages.requireNonceAndTs(nonce, ts);
        if (knownPublicNodes.size() > Wire.MAX_KNOWN_NODES) {
            throw new IllegalArgumentException(
                    "at most " + Wire.MAX_KNOWN_NODES + " known public nodes, got " + knownPublicNodes.size());
        }
        var seen = new HashSet<NodeId>();
        for (NodeInfo n : knownPublicNodes) {
            if (n.privacy() != Privacy.PUBLIC || !seen.add(n.nodeId())) {
                throw new IllegalArgumentException(
                        "known public nodes must be public and distinct; " + n.nodeId() + " is not");
            }
        }
        if (nEstimate < 0) {
            throw new IllegalArgumentException("n_estimate must be >= 0, got " + nEstimate);
        }
    }

    /** A response signed by {@code self}, whose public key must be the one {@code node} names. */
    public static HandshakeResponse sign(
            NodeIdentity self,
            NodeInfo node,
            HandshakeMetrics metrics,
            List<Receipt> receipts,
            List<NodeInfo> knownPublicNodes,
            long nEstimate,
            Receipt receipt,
            String nonce,
            long ts) {
        return sign(self, node, metrics, receipts, knownPublicNodes, nEstimate, receipt, List.of(), nonce, ts);
    }

    /**
     * As the other {@code sign}, forwarding {@code advertisements}: the wire member {@code advertisements} is present
     * only when there are some, so a response without them is byte for byte the original v1 form.
     */
    public static HandshakeResponse sign(
            NodeIdentity self,
            NodeInfo node,
            HandshakeMetrics metrics,
            List<Receipt> receipts,
            List<NodeInfo> knownPublicNodes,
            long nEstimate,
            Receipt receipt,
            List<MemberAdvertisement> advertisements,
            String nonce,
            long ts) {
        Messages.requireSigner(self, node);
        var unsigned = new HandshakeResponse(
                node, metrics, receipts, knownPublicNodes, nEstimate, receipt, advertisements, nonce, ts, "");
        String signature = SignedJson.sign(self, KIND, unsigned.unsignedJson())
                .require(SignedJson.SIGNATURE_FIELD, JsonString.class)
                .value();
        return new HandshakeResponse(
                node, metrics, receipts, knownPublicNodes, nEstimate, receipt, advertisements, nonce, ts, signature);
    }

    /**
     * @throws HandshakeRejectedException {@link RejectionReason#BAD_SIGNATURE}
     */
    void verifySignature(SignatureVerifier verifier) {
        Messages.verifySignature(KIND, unsignedJson(), signature, node, "response", verifier);
    }

    /**
     * The wire form. The response signature does not cover {@code advertisements}: each is signed by its advertiser
     * and checked on its own, and signing them again would cost the responder a hash over a large member for nothing
     * (a responder may forward any valid advertisement anyway).
     */
    public JsonObject toJson() {
        JsonObject json = unsignedJson().with(SignedJson.SIGNATURE_FIELD, new JsonString(signature));
        if (advertisements.isEmpty()) {
            return json;
        }
        return json.with(
                "advertisements",
                new JsonArray(advertisements.stream()
                        .<JsonValue>map(MemberAdvertisement::toJson)
                        .toList()));
    }

    /** Parses the wire form strictly; signature, time and receipts are checked by {@link HandshakeVerifier}. */
    public static HandshakeResponse fromJson(JsonObject json) {
        String what = "response";
        Wire.requireSchemaVersion(what, json);
        Wire.requireExactly(what, json, FIELDS, Set.of("advertisements"));
        try {
            return new HandshakeResponse(
                    NodeInfo.fromJson("response.node", Wire.get(what, json, "node", JsonObject.class)),
                    HandshakeMetrics.fromJson(Wire.get(what, json, "metrics", JsonObject.class)),
                    Messages.receipts(what, json, "receipts"),
                    Wire.list(
                            what,
                            json,
                            "known_public_nodes",
                            Wire.MAX_KNOWN_NODES,
                            v -> NodeInfo.fromJson(
                                    "response.known_public_nodes[]", Wire.object("response.known_public_nodes[]", v))),
                    Wire.nonNegative(what, json, "n_estimate"),
                    Receipt.fromJson(Wire.get(what, json, "receipt", JsonObject.class)),
                    advertisements(json),
                    Wire.nonce(what, json),
                    Wire.nonNegative(what, json, "ts"),
                    Wire.get(what, json, SignedJson.SIGNATURE_FIELD, JsonString.class)
                            .value());
        } catch (IllegalArgumentException e) {
            throw Wire.malformed(what + ": " + e.getMessage());
        }
    }

    private static List<MemberAdvertisement> advertisements(JsonObject json) {
        if (!json.has("advertisements")) {
            return List.of();
        }
        List<MemberAdvertisement> list = Wire.list(
                "response",
                json,
                "advertisements",
                Wire.MAX_ADVERTISEMENTS,
                v -> MemberAdvertisement.fromJson(Wire.object("response.advertisements[]", v)));
        if (list.isEmpty()) {
            // Absent and empty would sign different bytes for the same response: only one form is allowed.
            throw new IllegalArgumentException("advertisements, when present, must not be empty");
        }
        return list;
    }

    /** What the responder signs: everything but {@code advertisements} (and the signature). */
    private JsonObject unsignedJson() {
        return JsonObject.builder()
                .put(
                        "known_public_nodes",
                        new JsonArray(knownPublicNodes.stream()
                                .<JsonValue>map(NodeInfo::toJson)
                                .toList()))
                .put("metrics", metrics.toJson())
                .put("n_estimate", nEstimate)
                .put("node", node.toJson())
                .put("nonce", nonce)
                .put("receipt", receipt.toJson())
                .put("receipts", Messages.receiptsJson(receipts))
                .put("schema_version", Wire.SCHEMA_VERSION)
                .put("ts", ts)
                .build();
    }
}
