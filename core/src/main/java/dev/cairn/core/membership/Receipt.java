package dev.cairn.core.membership;

import dev.cairn.core.canonical.JsonInteger;
import dev.cairn.core.canonical.JsonNull;
import dev.cairn.core.canonical.JsonObject;
import dev.cairn.core.canonical.JsonString;
import dev.cairn.core.canonical.JsonValue;
import dev.cairn.core.id.InvalidSignatureException;
import dev.cairn.core.id.NodeId;
import dev.cairn.core.id.NodeIdentity;
import dev.cairn.core.id.NodePublicKey;
import dev.cairn.core.id.SignatureKind;
import dev.cairn.core.id.SignatureVerifier;
import dev.cairn.core.id.SignedJson;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A reachability receipt: {@code issuer} completed a handshake with {@code target} at {@code timestampMillis}, and saw
 * the target's address announced from {@code asn} (when it knows).
 *
 * <p>The receipt carries its issuer's public key so that any node can check it without having met the issuer; the
 * issuer's NodeId must be BLAKE3-256 of that key. Signed by the {@link SignedJson} rule, kind {@code receipt}. An
 * instance is well-formed; {@link #verifySignature()} says whether it is genuine.
 */
public record Receipt(
        NodeId issuer,
        NodePublicKey issuerKey,
        NodeId target,
        Optional<Asn> asn,
        long timestampMillis,
        String signature) {
    public static final SignatureKind KIND = new SignatureKind("receipt");
    private static final Set<String> FIELDS =
            Set.of("issuer", "issuer_key", "target", "asn", "timestamp", SignedJson.SIGNATURE_FIELD);

    public Receipt {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(issuerKey, "issuerKey");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(asn, "asn");
        Objects.requireNonNull(signature, "signature");
        if (timestampMillis < 0 || timestampMillis > JsonInteger.MAX_SAFE) {
            throw new IllegalArgumentException("receipt timestamp must be in [0, 2^53 - 1] ms, got " + timestampMillis);
        }
    }

    /** A receipt signed by {@code issuer} for {@code target}. */
    public static Receipt issue(NodeIdentity issuer, NodeId target, Optional<Asn> asn, long timestampMillis) {
        var unsigned = new Receipt(issuer.nodeId(), issuer.publicKey(), target, asn, timestampMillis, "");
        JsonObject signed = SignedJson.sign(issuer, KIND, unsigned.unsignedJson());
        return unsigned.withSignature(
                signed.require(SignedJson.SIGNATURE_FIELD, JsonString.class).value());
    }

    /**
     * Checks that the issuer key matches the issuer and that the signature verifies.
     *
     * @throws HandshakeRejectedException {@link RejectionReason#RECEIPT_ISSUER_MISMATCH} or
     *     {@link RejectionReason#RECEIPT_BAD_SIGNATURE}
     */
    public void verifySignature() {
        verifySignature(SignatureVerifier.direct());
    }

    /** As {@link #verifySignature()}, the signature checked by {@code verifier}. */
    public void verifySignature(SignatureVerifier verifier) {
        if (!issuerKey.nodeId().equals(issuer)) {
            throw new HandshakeRejectedException(
                    RejectionReason.RECEIPT_ISSUER_MISMATCH,
                    "receipt issuer " + issuer + " is not BLAKE3 of issuer_key " + issuerKey.hex() + " (that is "
                            + issuerKey.nodeId() + ")");
        }
        try {
            SignedJson.verify(KIND, unsignedJson(), signature, issuerKey, verifier);
        } catch (InvalidSignatureException e) {
            throw new HandshakeRejectedException(
                    RejectionReason.RECEIPT_BAD_SIGNATURE,
                    "receipt by " + issuer + " for " + target + ": " + e.getMessage(),
                    e);
        }
    }

    /** The signed wire form. */
    public JsonObject toJson() {
        return members().put(SignedJson.SIGNATURE_FIELD, signature).build();
    }

    /** Parses the wire form strictly; the signature is not checked here. */
    public static Receipt fromJson(JsonObject json) {
        Wire.requireExactly("receipt", json, FIELDS);
        JsonValue asn = Wire.get("receipt", json, "asn", JsonValue.class);
        Optional<Asn> parsedAsn;
        if (asn instanceof JsonNull) {
            parsedAsn = Optional.empty();
        } else if (asn instanceof JsonInteger(long n) && n >= 1 && n <= Asn.MAX) {
            parsedAsn = Optional.of(new Asn(n));
        } else {
            throw Wire.malformed("receipt.asn must be null or an integer in [1, " + Asn.MAX + "], got "
                    + (asn instanceof JsonInteger(long n) ? Long.toString(n) : Wire.describe(asn)));
        }
        return new Receipt(
                Wire.nodeId("receipt", json, "issuer"),
                Wire.publicKey("receipt", json, "issuer_key"),
                Wire.nodeId("receipt", json, "target"),
                parsedAsn,
                Wire.nonNegative("receipt", json, "timestamp"),
                Wire.get("receipt", json, SignedJson.SIGNATURE_FIELD, JsonString.class)
                        .value());
    }

    private JsonObject unsignedJson() {
        return members().build();
    }

    /** Every member but the signature. */
    private JsonObject.Builder members() {
        return JsonObject.builder()
                .put("asn", asn.<JsonValue>map(a -> new JsonInteger(a.number())).orElse(JsonNull.INSTANCE))
                .put("issuer", issuer.hex())
                .put("issuer_key", issuerKey.hex())
                .put("target", target.hex())
                .put("timestamp", timestampMillis);
    }

    private Receipt withSignature(String signature) {
        return new Receipt(issuer, issuerKey, target, asn, timestampMillis, signature);
    }
}
