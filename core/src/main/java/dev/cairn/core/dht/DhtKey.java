package dev.cairn.core.dht;

/**
 * The key of a DHT record. Every key embeds the schema version, so a node running a later schema can keep both.
 *
 * <p>Wire form (see docs/protocol.md): {@code v1/meta/<content_id>}, {@code v1/membership/<node_id>},
 * {@code v1/metric/<content_id>/<window_id>}, ids in lowercase hex, {@code window_id} the window's start in Unix
 * seconds as a decimal without leading zeros.
 */
public sealed interface DhtKey permits MetaKey, MembershipKey, MetricKey {
    /** The schema version this code reads and writes. */
    String SCHEMA_VERSION = "v1";

    /** The longest key string {@link #parse} accepts; longer input is refused before any work. */
    int MAX_WIRE_LENGTH = 128;

    /** The key's wire form. */
    String wire();

    /** Parses a key's wire form; a wrong version, kind, id or window is refused with the reason. */
    static DhtKey parse(String wire) {
        if (wire == null) {
            throw new IllegalArgumentException("DHT key is missing");
        }
        if (wire.length() > MAX_WIRE_LENGTH) {
            throw new IllegalArgumentException(
                    "DHT key is " + wire.length() + " characters long, at most " + MAX_WIRE_LENGTH + " allowed");
        }
        String[] parts = wire.split("/", -1);
        if (!parts[0].equals(SCHEMA_VERSION)) {
            throw new IllegalArgumentException(
                    "DHT key '" + wire + "' has schema version '" + parts[0] + "', this node reads " + SCHEMA_VERSION);
        }
        String kind = parts.length > 1 ? parts[1] : "";
        return switch (kind) {
            case MetaKey.KIND -> {
                expectParts(wire, parts, 3);
                yield MetaKey.ofHex(parts[2]);
            }
            case MembershipKey.KIND -> {
                expectParts(wire, parts, 3);
                yield MembershipKey.ofHex(parts[2]);
            }
            case MetricKey.KIND -> {
                expectParts(wire, parts, 4);
                yield MetricKey.ofWire(parts[2], parts[3]);
            }
            default ->
                throw new IllegalArgumentException("DHT key '" + wire + "' has unknown kind '" + kind
                        + "', expected one of meta, membership, metric");
        };
    }

    private static void expectParts(String wire, String[] parts, int expected) {
        if (parts.length != expected) {
            throw new IllegalArgumentException("DHT key '" + wire + "' has " + parts.length + " '/'-separated parts, "
                    + parts[1] + " keys have " + expected);
        }
    }
}
