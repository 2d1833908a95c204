package dev.cairn.core.id;

import dev.cairn.core.canonical.CanonicalJson;
import dev.cairn.core.canonical.JsonObject;
import dev.cairn.core.canonical.JsonString;
import dev.cairn.core.canonical.JsonValue;
import dev.cairn.core.hash.LowerHex;
import java.util.HexFormat;

/**
 * The one signing rule for every signed structure (handshake, receipt, DHT record...).
 *
 * <p>A signed structure is a JSON object with a {@code "signature"} member holding 128 lowercase hex characters: the
 * Ed25519 signature of
 *
 * <pre>
 *   ASCII("cairn-sig-v1:" + kind + "\n") || JCS(structure without its "signature" member)
 * </pre>
 *
 * where JCS is RFC 8785 ({@link CanonicalJson}). The kind prefix separates domains (a receipt signature is never a
 * valid handshake signature); canonical JSON makes the signed bytes independent of member order and whitespace, so a
 * verifier re-encodes what it parsed instead of trusting the sender's bytes. Specified in {@code docs/protocol.md}.
 */
public final class SignedJson {
    /** The member that carries the signature; it is left out of the signed bytes. */
    public static final String SIGNATURE_FIELD = "signature";

    private static final HexFormat HEX = HexFormat.of();

    private SignedJson() {}

    /** The exact bytes signed for {@code structure} as {@code kind}; any {@code "signature"} member is ignored. */
    public static byte[] signingInput(SignatureKind kind, JsonObject structure) {
        byte[] prefix = kind.prefix();
        byte[] body = CanonicalJson.encode(structure.without(SIGNATURE_FIELD));
        byte[] input = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, input, 0, prefix.length);
        System.arraycopy(body, 0, input, prefix.length, body.length);
        return input;
    }

    /**
     * {@code unsigned} with a {@code "signature"} member by {@code signer}.
     *
     * @throws IllegalArgumentException if {@code unsigned} already has a signature: re-signing silently would hide a
     *     caller that confuses received and own structures
     */
    public static JsonObject sign(NodeIdentity signer, SignatureKind kind, JsonObject unsigned) {
        if (unsigned.has(SIGNATURE_FIELD)) {
            throw new IllegalArgumentException(
                    "the " + kind + " structure to sign already has a \"" + SIGNATURE_FIELD + "\" member");
        }
        byte[] signature = signer.sign(signingInput(kind, unsigned));
        return unsigned.with(SIGNATURE_FIELD, new JsonString(HEX.formatHex(signature)));
    }

    /**
     * Checks that {@code signed} carries a valid {@code kind} signature by {@code key}.
     *
     * @throws InvalidSignatureException saying what is wrong (missing or malformed signature, or not valid)
     */
    public static void verify(SignatureKind kind, JsonObject signed, NodePublicKey key) {
        verify(kind, signed, key, SignatureVerifier.direct());
    }

    /** As {@link #verify(SignatureKind, JsonObject, NodePublicKey)}, the signature checked by {@code verifier}. */
    public static void verify(SignatureKind kind, JsonObject signed, NodePublicKey key, SignatureVerifier verifier) {
        verify(kind, signed, key, verifier, signingInput(kind, signed));
    }

    /**
     * As {@link #verify(SignatureKind, JsonObject, NodePublicKey, SignatureVerifier)}, with the signing input already
     * computed by the caller, who must have taken it from {@code signed} by {@link #signingInput}.
     */
    public static void verify(
            SignatureKind kind, JsonObject signed, NodePublicKey key, SignatureVerifier verifier, byte[] signingInput) {
        check(kind, key, verifier, signingInput, signatureOf(kind, signed));
    }

    /**
     * As {@link #verify(SignatureKind, JsonObject, NodePublicKey, SignatureVerifier)}, for a structure held as its
     * members without the signature ({@code unsigned}) and the value of its {@code "signature"} member: the signed
     * bytes are those of {@code unsigned}, so a caller that has the two apart need not join them into one object only
     * for the signature to be taken out again. Any {@code "signature"} member of {@code unsigned} is ignored, as in
     * {@link #signingInput}.
     */
    public static void verify(
            SignatureKind kind, JsonObject unsigned, String signature, NodePublicKey key, SignatureVerifier verifier) {
        check(kind, key, verifier, signingInput(kind, unsigned), signatureOf(kind, signature));
    }

    /**
     * As {@link #verify(SignatureKind, JsonObject, NodePublicKey)}, and first that {@code key} belongs to the node
     * the structure claims as its signer: a valid signature by some other key proves nothing about {@code claimed}.
     */
    public static void verify(SignatureKind kind, JsonObject signed, NodePublicKey key, NodeId claimed) {
        verify(kind, signed, key, claimed, SignatureVerifier.direct());
    }

    /** As {@link #verify(SignatureKind, JsonObject, NodePublicKey, NodeId)}, checked by {@code verifier}. */
    public static void verify(
            SignatureKind kind, JsonObject signed, NodePublicKey key, NodeId claimed, SignatureVerifier verifier) {
        if (!key.nodeId().equals(claimed)) {
            throw new InvalidSignatureException(
                    kind,
                    "public key " + key.hex() + " belongs to NodeId " + key.nodeId() + ", not the claimed " + claimed);
        }
        verify(kind, signed, key, verifier);
    }

    private static void check(
            SignatureKind kind, NodePublicKey key, SignatureVerifier verifier, byte[] signingInput, byte[] signature) {
        if (!verifier.verify(key, signingInput, signature)) {
            throw new InvalidSignatureException(kind, "does not verify with public key " + key.hex());
        }
    }

    private static byte[] signatureOf(SignatureKind kind, JsonObject signed) {
        JsonValue value = signed.get(SIGNATURE_FIELD)
                .orElseThrow(() -> new InvalidSignatureException(kind, "no \"" + SIGNATURE_FIELD + "\" member"));
        if (!(value instanceof JsonString(String hex))) {
            throw malformedSignature(kind, value.typeName());
        }
        return signatureOf(kind, hex);
    }

    /** The 64 bytes that 128 lowercase hex characters spell; checked and decoded in one pass. */
    private static byte[] signatureOf(SignatureKind kind, String hex) {
        byte[] signature = hex.length() == 2 * Ed25519.SIGNATURE_LENGTH ? LowerHex.decode(hex) : null;
        if (signature == null) {
            throw malformedSignature(
                    kind,
                    "'" + (hex.length() > 140 ? hex.substring(0, 137) + "..." : hex) + "' (" + hex.length()
                            + " characters)");
        }
        return signature;
    }

    private static InvalidSignatureException malformedSignature(SignatureKind kind, String got) {
        return new InvalidSignatureException(
                kind, "\"" + SIGNATURE_FIELD + "\" must be 128 lowercase hex characters, got " + got);
    }
}
