package dev.cairn.core.dht;

import dev.cairn.core.canonical.JsonInteger;
import dev.cairn.core.canonical.JsonObject;
import dev.cairn.core.canonical.JsonString;
import dev.cairn.core.crdt.CrdtFormatException;
import dev.cairn.core.crdt.Dominance;
import dev.cairn.core.id.InvalidSignatureException;
import dev.cairn.core.id.NodeId;
import dev.cairn.core.id.NodeIdentity;
import dev.cairn.core.id.NodePublicKey;
import dev.cairn.core.id.SignatureKind;
import dev.cairn.core.id.SignatureVerifier;
import dev.cairn.core.id.SignedJson;
import java.util.Base64;
import java.util.Objects;
import java.util.Set;

/**
 * A signed DHT record: the value one node published for one key, stamped with its dominance.
 *
 * <p>Wire form (docs/protocol.md): a JSON object {@code {schema_version, key, value, dominance: {counter,
 * timestamp_ms, node_id}, signer, signature}}, {@code value} the {@link RecordValueCodec} bytes in unpadded base64url,
 * {@code signer} the Ed25519 public key in hex, signed as kind {@code dht-record} by the {@link SignedJson} rule. The
 * dominance's node id must be the signer's NodeId, so a node cannot stamp a write as someone else's.
 *
 * <p>An instance is always well-formed and its value fits its key; whether the signature holds is checked by
 * {@link #verify()} and by {@link #fromJson}, which only returns verified records.
 */
public record DhtRecord(DhtKey key, RecordValue value, Dominance dominance, NodePublicKey signer, String signature) {
    public static final SignatureKind KIND = new SignatureKind("dht-record");
    private static final Set<String> FIELDS =
            Set.of("schema_version", "key", "value", "dominance", "signer", SignedJson.SIGNATURE_FIELD);
    private static final Set<String> DOMINANCE_FIELDS = Set.of("counter", "timestamp_ms", "node_id");
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getUrlDecoder();

    public DhtRecord {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(dominance, "dominance");
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(signature, "signature");
        if (!value.fits(key)) {
            throw new IllegalArgumentException(
                    "a " + value.getClass().getSimpleName() + " cannot be stored under " + key.wire());
        }
        if (!dominance.nodeId().equals(signer.nodeId())) {
            throw new IllegalArgumentException(
                    "dominance names node " + dominance.nodeId() + " but the record is signed by " + signer.nodeId());
        }
        if (dominance.logicalCounter() > JsonInteger.MAX_SAFE || dominance.timestampMillis() > JsonInteger.MAX_SAFE) {
            throw new IllegalArgumentException("dominance " + dominance + " exceeds 2^53 - 1, the wire form's range");
        }
    }

    /** Signs {@code value} for {@code key} as {@code signer}; {@code dominance} must name the signer's NodeId. */
    public static DhtRecord sign(NodeIdentity signer, DhtKey key, RecordValue value, Dominance dominance) {
        var unsigned = new DhtRecord(key, value, dominance, signer.publicKey(), "");
        JsonObject signed = SignedJson.sign(signer, KIND, unsigned.unsignedJson());
        return unsigned.withSignature(
                signed.require(SignedJson.SIGNATURE_FIELD, JsonString.class).value());
    }

    /** The writer's NodeId. */
    public NodeId writer() {
        return dominance.nodeId();
    }

    /** @throws InvalidRecordException if the signature does not hold for this content and signer */
    public void verify() {
        verify(SignatureVerifier.direct());
    }

    /** As {@link #verify()}, the signature checked by {@code verifier}. */
    public void verify(SignatureVerifier verifier) {
        try {
            SignedJson.verify(KIND, toJson(), signer, dominance.nodeId(), verifier);
        } catch (InvalidSignatureException e) {
            throw new InvalidRecordException("record " + key.wire() + " by " + writer() + ": " + e.getMessage(), e);
        }
    }

    public JsonObject toJson() {
        return unsignedJson().with(SignedJson.SIGNATURE_FIELD, new JsonString(signature));
    }

    /**
     * Reads and verifies a record's wire form.
     *
     * @throws InvalidRecordException naming the field or check that failed
     */
    public static DhtRecord fromJson(JsonObject json, RecordValueCodec codec) {
        DhtRecord record;
        try {
            for (String field : json.members().keySet()) {
                if (!FIELDS.contains(field)) {
                    throw new IllegalArgumentException("unknown field \"" + field + "\"");
                }
            }
            String schema = json.require("schema_version", JsonString.class).value();
            if (!schema.equals(DhtKey.SCHEMA_VERSION)) {
                throw new InvalidRecordException(
                        "record has schema_version '" + schema + "', this node reads " + DhtKey.SCHEMA_VERSION);
            }
            DhtKey key = DhtKey.parse(json.require("key", JsonString.class).value());
            byte[] encoded =
                    decodeBase64(json.require("value", JsonString.class).value());
            RecordValue value = codec.decode(encoded, key);
            JsonObject d = json.require("dominance", JsonObject.class);
            for (String field : d.members().keySet()) {
                if (!DOMINANCE_FIELDS.contains(field)) {
                    throw new IllegalArgumentException("unknown field \"dominance." + field + "\"");
                }
            }
            var dominance = new Dominance(
                    d.require("counter", JsonInteger.class).value(),
                    d.require("timestamp_ms", JsonInteger.class).value(),
                    NodeId.fromHex(d.require("node_id", JsonString.class).value()));
            var signer = NodePublicKey.fromHex(
                    json.require("signer", JsonString.class).value());
            String signature =
                    json.require(SignedJson.SIGNATURE_FIELD, JsonString.class).value();
            record = new DhtRecord(key, value, dominance, signer, signature);
        } catch (IllegalArgumentException | CrdtFormatException e) {
            throw new InvalidRecordException("malformed DHT record: " + e.getMessage(), e);
        }
        // The signature covers the re-encoded value; the codec only accepts canonical bytes, so these are the
        // bytes the writer signed.
        record.verify();
        return record;
    }

    private static byte[] decodeBase64(String text) {
        try {
            byte[] bytes = B64_DECODER.decode(text);
            if (!B64.encodeToString(bytes).equals(text)) {
                throw new IllegalArgumentException("field \"value\" is not unpadded canonical base64url");
            }
            return bytes;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("field \"value\" is not unpadded base64url: " + e.getMessage(), e);
        }
    }

    private DhtRecord withSignature(String newSignature) {
        return new DhtRecord(key, value, dominance, signer, newSignature);
    }

    private JsonObject unsignedJson() {
        return JsonObject.builder()
                .put("schema_version", DhtKey.SCHEMA_VERSION)
                .put("key", key.wire())
                .put("value", B64.encodeToString(RecordValueCodec.standard().encode(value)))
                .put(
                        "dominance",
                        JsonObject.builder()
                                .put("counter", dominance.logicalCounter())
                                .put("timestamp_ms", dominance.timestampMillis())
                                .put("node_id", dominance.nodeId().hex())
                                .build())
                .put("signer", signer.hex())
                .build();
    }
}
