package dev.cairn.core.membership;

import dev.cairn.core.canonical.JsonArray;
import dev.cairn.core.canonical.JsonInteger;
import dev.cairn.core.canonical.JsonObject;
import dev.cairn.core.canonical.JsonValue;
import dev.cairn.core.hash.LowerHex;
import dev.cairn.core.id.InvalidSignatureException;
import dev.cairn.core.id.NodeId;
import dev.cairn.core.id.NodeIdentity;
import dev.cairn.core.id.SignatureKind;
import dev.cairn.core.id.SignatureVerifier;
import dev.cairn.core.id.SignedJson;
import java.util.HashSet;
import java.util.List;

/** Invariants shared by the handshake and its response. */
final class Messages {
    private Messages() {}

    /** At most {@link Wire#MAX_RECEIPTS}, one per issuer: a second receipt from one issuer proves nothing more. */
    static void requireReceipts(List<Receipt> receipts) {
        if (receipts.size() > Wire.MAX_RECEIPTS) {
            throw new IllegalArgumentException(
                    "at most " + Wire.MAX_RECEIPTS + " receipts per message, got " + receipts.size());
        }
        var issuers = new HashSet<NodeId>();
        for (Receipt r : receipts) {
            if (!issuers.add(r.issuer())) {
                throw new IllegalArgumentException("two receipts from issuer " + r.issuer() + "; one per issuer");
            }
        }
    }

    static void requireNonceAndTs(String nonce, long ts) {
        if (nonce.length() != Wire.NONCE_HEX_LENGTH || !LowerHex.isLowerHex(nonce)) {
            throw new IllegalArgumentException("nonce must be " + Wire.NONCE_HEX_LENGTH
                    + " lowercase hex characters, got " + Wire.describe(nonce));
        }
        if (ts < 0 || ts > JsonInteger.MAX_SAFE) {
            throw new IllegalArgumentException("ts must be in [0, 2^53 - 1] ms, got " + ts);
        }
    }

    /** @throws HandshakeRejectedException {@link RejectionReason#BAD_SIGNATURE}, naming {@code what} and its sender */
    static void verifySignature(
            SignatureKind kind,
            JsonObject unsigned,
            String signature,
            NodeInfo node,
            String what,
            SignatureVerifier verifier) {
        try {
            SignedJson.verify(kind, unsigned, signature, node.publicKey(), verifier);
        } catch (InvalidSignatureException e) {
            throw new HandshakeRejectedException(
                    RejectionReason.BAD_SIGNATURE, what + " from " + node.nodeId() + ": " + e.getMessage(), e);
        }
    }

    static void requireSigner(NodeIdentity self, NodeInfo node) {
        if (!self.publicKey().equals(node.publicKey())) {
            throw new IllegalArgumentException(
                    "node info names key " + node.publicKey() + " but the signer is " + self.publicKey());
        }
    }

    /** The wire form of a message's {@code receipts} member. */
    static JsonArray receiptsJson(List<Receipt> receipts) {
        return new JsonArray(receipts.stream().<JsonValue>map(Receipt::toJson).toList());
    }

    static List<Receipt> receipts(String what, JsonObject json, String key) {
        return Wire.list(what, json, key, Wire.MAX_RECEIPTS, v -> Receipt.fromJson(Wire.object(what + "." + key, v)));
    }
}
