package dev.cairn.adapters.http.overlay;

import dev.cairn.core.canonical.CanonicalJson;
import dev.cairn.core.canonical.JsonInteger;
import dev.cairn.core.canonical.JsonObject;
import dev.cairn.core.canonical.JsonString;
import dev.cairn.core.id.NodeId;
import dev.cairn.core.id.NodeIdentity;
import dev.cairn.core.id.NodePublicKey;
import dev.cairn.core.id.SignatureKind;
import dev.cairn.core.id.SignedJson;
import java.util.Objects;

/**
 * One overlay message as it travels between two nodes: signed by the sender, bound to one receiver, with a nonce and
 * timestamp against replay.
 *
 * <p>Wire form (docs/protocol.md, "Overlay messages over HTTP"): {@code {schema_version, from, from_key, to, nonce,
 * ts, message, signature}}, signed as kind {@code overlay-message} by the {@link SignedJson} rule.
 */
public record OverlayEnvelope(
        NodePublicKey fromKey, NodeId to, String nonce, long ts, OverlayMessage message, String signature) {
    public static final SignatureKind KIND = new SignatureKind("overlay-message");
    public static final String SCHEMA_VERSION = "v1";
    /** 16 random bytes in lowercase hex. */
    public static final int NONCE_HEX_LENGTH = 32;

    public OverlayEnvelope {
        Objects.requireNonNull(fromKey, "fromKey");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(signature, "signature");
        if (!isNonce(nonce)) {
            throw new IllegalArgumentException(
                    "nonce must be " + NONCE_HEX_LENGTH + " lowercase hex characters, got '" + nonce + "'");
        }
        if (ts < 0 || ts > JsonInteger.MAX_SAFE) {
            throw new IllegalArgumentException("ts must be in [0, 2^53 - 1] ms, got " + ts);
        }
    }

    /** Signs {@code message} from {@code sender} to {@code to}. */
    public static OverlayEnvelope sign(NodeIdentity sender, NodeId to, String nonce, long ts, OverlayMessage message) {
        var unsigned = new OverlayEnvelope(sender.publicKey(), to, nonce, ts, message, "");
        JsonObject signed = SignedJson.sign(sender, KIND, unsigned.unsignedJson());
        return new OverlayEnvelope(
                sender.publicKey(),
                to,
                nonce,
                ts,
                message,
                signed.require(SignedJson.SIGNATURE_FIELD, JsonString.class).value());
    }

    /** The sender: BLAKE3-256 of {@link #fromKey}. */
    public NodeId from() {
        return fromKey.nodeId();
    }

    public JsonObject toJson() {
        return unsignedJson().with(SignedJson.SIGNATURE_FIELD, new JsonString(signature));
    }

    /** The canonical (RFC 8785) UTF-8 bytes of {@link #toJson}: what a sender posts. */
    public byte[] toBytes() {
        return CanonicalJson.encode(toJson());
    }

    static boolean isNonce(String s) {
        if (s.length() != NONCE_HEX_LENGTH) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    private JsonObject unsignedJson() {
        return JsonObject.builder()
                .put("schema_version", SCHEMA_VERSION)
                .put("from", from().hex())
                .put("from_key", fromKey.hex())
                .put("to", to.hex())
                .put("nonce", nonce)
                .put("ts", ts)
                .put("message", OverlayCodec.encode(message))
                .build();
    }
}
