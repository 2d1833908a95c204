package dev.cairn.adapters.http.overlay;

import dev.cairn.adapters.http.overlay.OverlayRejection.Reason;
import dev.cairn.core.canonical.JsonInteger;
import dev.cairn.core.canonical.JsonObject;
import dev.cairn.core.canonical.JsonString;
import dev.cairn.core.canonical.JsonValue;
import dev.cairn.core.dht.ContentMeta;
import dev.cairn.core.dht.DhtKey;
import dev.cairn.core.dht.DhtRecord;
import dev.cairn.core.dht.InvalidRecordException;
import dev.cairn.core.dht.MetricKey;
import dev.cairn.core.dht.RecordValueCodec;
import dev.cairn.core.hash.Digest256;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.id.NodeId;
import dev.cairn.core.id.NodePublicKey;
import dev.cairn.core.ipfs.Cid;
import dev.cairn.core.metrics.MetricMessage;
import dev.cairn.core.replication.ReplicationMessage;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Strict reading and writing of the overlay wire form. Every refusal is an {@link OverlayRejection} naming the member
 * and the offending value: {@link Reason#MALFORMED_MESSAGE} for shape, {@link Reason#INVALID_RECORD} for an embedded
 * DHT record that does not parse or verify.
 */
final class OverlayCodec {
    static final Set<String> ENVELOPE_MEMBERS =
            Set.of("schema_version", "from", "from_key", "to", "nonce", "ts", "message", "signature");
    private static final Set<String> CONTENT_MEMBERS = Set.of("type", "content");
    /** An announce may also carry {@code ipfs_cid}; without it, it is the announce of before CIDs. */
    private static final String IPFS_CID = "ipfs_cid";

    private static final Set<String> RECORD_MEMBERS = Set.of("type", "record");
    private static final Set<String> ACK_MEMBERS = Set.of("type", "key", "value_digest");

    private OverlayCodec() {}

    /** The parts of an envelope read before its signature is checked; {@code message} is still undecoded JSON. */
    record Header(NodeId from, NodePublicKey fromKey, NodeId to, String nonce, long ts, JsonObject message) {}

    static JsonObject encode(OverlayMessage message) {
        return switch (message) {
            case OverlayMessage.Replication(ReplicationMessage.HolderHeartbeat m) ->
                content("holder_heartbeat", m.content());
            case OverlayMessage.Replication(ReplicationMessage.LeaseAccepted m) ->
                content("lease_accepted", m.content());
            case OverlayMessage.Replication(ReplicationMessage.LeaderHeartbeat m) ->
                record("leader_heartbeat", m.meta());
            case OverlayMessage.Replication(ReplicationMessage.MetaRecord m) -> record("meta_record", m.meta());
            case OverlayMessage.Replication(ReplicationMessage.Announce m) -> announce(m);
            case OverlayMessage.Replication(ReplicationMessage.Release m) -> content("release", m.content());
            case OverlayMessage.Metric(MetricMessage.Window m) -> record("metric_window", m.metric());
            case OverlayMessage.Metric(MetricMessage.Ack m) ->
                JsonObject.builder()
                        .put("type", "metric_ack")
                        .put("key", m.key().wire())
                        .put("value_digest", m.valueDigest().hex())
                        .build();
        };
    }

    /**
     * Reads everything but the message body: {@code schema_version} first (so a newer version is refused by name),
     * then the exact member set and each member's form.
     */
    static Header header(JsonValue parsed) {
        if (!(parsed instanceof JsonObject json)) {
            throw malformed("an overlay envelope is a JSON object, got " + parsed.typeName());
        }
        JsonValue version =
                json.get("schema_version").orElseThrow(() -> malformed("envelope has no \"schema_version\""));
        if (!(version instanceof JsonString(String v) && v.equals(OverlayEnvelope.SCHEMA_VERSION))) {
            throw new OverlayRejection(
                    Reason.UNSUPPORTED_SCHEMA_VERSION,
                    "envelope has schema_version " + describe(version) + "; this node speaks \""
                            + OverlayEnvelope.SCHEMA_VERSION + "\"");
        }
        requireExactly("envelope", json, ENVELOPE_MEMBERS);
        NodeId from = parse("from", string(json, "from"), NodeId::fromHex);
        NodePublicKey fromKey = parse("from_key", string(json, "from_key"), NodePublicKey::fromHex);
        NodeId to = parse("to", string(json, "to"), NodeId::fromHex);
        String nonce = string(json, "nonce");
        if (!OverlayEnvelope.isNonce(nonce)) {
            throw malformed("envelope.nonce must be " + OverlayEnvelope.NONCE_HEX_LENGTH
                    + " lowercase hex characters, got " + describe(new JsonString(nonce)));
        }
        long ts = member(json, "ts", JsonInteger.class).value();
        if (ts < 0) {
            throw malformed("envelope.ts must be >= 0 ms, got " + ts);
        }
        return new Header(from, fromKey, to, nonce, ts, member(json, "message", JsonObject.class));
    }

    /** Decodes a message body; embedded DHT records are parsed and their signatures verified. */
    static OverlayMessage decode(JsonObject json) {
        String type = member(json, "type", JsonString.class).value();
        return switch (type) {
            case "holder_heartbeat" -> OverlayMessage.of(new ReplicationMessage.HolderHeartbeat(content(type, json)));
            case "lease_accepted" -> OverlayMessage.of(new ReplicationMessage.LeaseAccepted(content(type, json)));
            case "announce" -> OverlayMessage.of(announce(json));
            case "release" -> OverlayMessage.of(new ReplicationMessage.Release(content(type, json)));
            case "leader_heartbeat" ->
                construct(type, record(type, json), r -> OverlayMessage.of(new ReplicationMessage.LeaderHeartbeat(r)));
            case "meta_record" ->
                construct(type, record(type, json), r -> OverlayMessage.of(new ReplicationMessage.MetaRecord(r)));
            case "metric_window" ->
                construct(type, record(type, json), r -> OverlayMessage.of(new MetricMessage.Window(r)));
            case "metric_ack" -> {
                requireExactly("message", json, ACK_MEMBERS);
                DhtKey key = parse("message.key", string(json, "key"), DhtKey::parse);
                if (!(key instanceof MetricKey metricKey)) {
                    throw malformed("message.key of a metric_ack must be a metric key, got '" + key.wire() + "'");
                }
                Digest256 digest = parse("message.value_digest", string(json, "value_digest"), Digest256::fromHex);
                yield OverlayMessage.of(new MetricMessage.Ack(metricKey, digest));
            }
            default ->
                throw malformed("message.type " + describe(new JsonString(type)) + " is unknown; expected one of"
                        + " holder_heartbeat, lease_accepted, leader_heartbeat, meta_record, announce, release,"
                        + " metric_window, metric_ack");
        };
    }

    private static JsonObject content(String type, ContentId content) {
        return JsonObject.builder()
                .put("type", type)
                .put("content", content.hex())
                .build();
    }

    private static JsonObject announce(ReplicationMessage.Announce announce) {
        var json = JsonObject.builder()
                .put("type", "announce")
                .put("content", announce.content().hex());
        announce.ipfsCid().ifPresent(cid -> json.put(IPFS_CID, cid.value()));
        return json.build();
    }

    private static JsonObject record(String type, DhtRecord record) {
        return JsonObject.builder()
                .put("type", type)
                .put("record", record.toJson())
                .build();
    }

    private static ContentId content(String type, JsonObject json) {
        requireExactly("message (" + type + ")", json, CONTENT_MEMBERS);
        return parse("message.content", string(json, "content"), ContentId::fromHex);
    }

    /** {@code content}, and {@code ipfs_cid} if present: a CIDv1 in base32 that a MetaKey record can hold. */
    private static ReplicationMessage.Announce announce(JsonObject json) {
        if (!json.has(IPFS_CID)) {
            return new ReplicationMessage.Announce(content("announce", json));
        }
        var members = new TreeSet<>(CONTENT_MEMBERS);
        members.add(IPFS_CID);
        requireExactly("message (announce)", json, members);
        ContentId content = parse("message.content", string(json, "content"), ContentId::fromHex);
        String text = string(json, IPFS_CID);
        if (text.length() > ContentMeta.MAX_IPFS_CID_LENGTH) {
            throw malformed("message.ipfs_cid is at most " + ContentMeta.MAX_IPFS_CID_LENGTH + " characters, got "
                    + describe(new JsonString(text)));
        }
        Cid cid = parse("message.ipfs_cid", text, Cid::new);
        return new ReplicationMessage.Announce(content, Optional.of(cid));
    }

    private static DhtRecord record(String type, JsonObject json) {
        requireExactly("message (" + type + ")", json, RECORD_MEMBERS);
        JsonObject record = member(json, "record", JsonObject.class);
        try {
            return DhtRecord.fromJson(record, RecordValueCodec.standard());
        } catch (InvalidRecordException e) {
            throw new OverlayRejection(Reason.INVALID_RECORD, "message.record of a " + type + ": " + e.getMessage(), e);
        }
    }

    /** The message records check that the record's key fits the message (a MetaKey for replication, ...). */
    private static OverlayMessage construct(
            String type, DhtRecord record, Function<DhtRecord, OverlayMessage> constructor) {
        try {
            return constructor.apply(record);
        } catch (IllegalArgumentException e) {
            throw malformed("message.record of a " + type + ": " + e.getMessage());
        }
    }

    private static void requireExactly(String what, JsonObject json, Set<String> allowed) {
        for (String key : json.members().keySet()) {
            if (!allowed.contains(key)) {
                throw malformed(what + " has unknown member \"" + key + "\"; allowed: " + new TreeSet<>(allowed));
            }
        }
        for (String key : new TreeSet<>(allowed)) {
            if (!json.has(key)) {
                throw malformed(what + " is missing member \"" + key + "\"");
            }
        }
    }

    private static <T extends JsonValue> T member(JsonObject json, String key, Class<T> type) {
        try {
            return json.require(key, type);
        } catch (IllegalArgumentException e) {
            throw malformed(e.getMessage());
        }
    }

    private static String string(JsonObject json, String key) {
        return member(json, key, JsonString.class).value();
    }

    private static <T> T parse(String what, String text, Function<String, T> parser) {
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw malformed(what + ": " + e.getMessage());
        }
    }

    private static OverlayRejection malformed(String message) {
        return new OverlayRejection(Reason.MALFORMED_MESSAGE, message);
    }

    static String describe(JsonValue value) {
        if (value instanceof JsonString(String s)) {
            return s.length() <= 80 ? "'" + s + "'" : "'" + s.substring(0, 77) + "...' (" + s.length() + " characters)";
        }
        return "a " + value.typeName();
    }
}
