package dev.cairn.core.membership;

import dev.cairn.core.canonical.JsonArray;
import dev.cairn.core.canonical.JsonInteger;
import dev.cairn.core.canonical.JsonNull;
import dev.cairn.core.canonical.JsonObject;
import dev.cairn.core.canonical.JsonString;
import dev.cairn.core.canonical.JsonValue;
import dev.cairn.core.hash.LowerHex;
import dev.cairn.core.id.NodeId;
import dev.cairn.core.id.NodePublicKey;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Strict reading of the membership wire forms, and the protocol's size bounds.
 *
 * <p>The bounds are part of the protocol, not configuration: a message one implementation accepts must not be refused
 * by another. A node may send less ({@link MembershipConfig}) but never more. Every failure is a
 * {@link HandshakeRejectedException} with reason {@link RejectionReason#MALFORMED} naming the member and the value.
 */
final class Wire {
    static final String SCHEMA_VERSION = "v1";
    static final int MAX_RECEIPTS = 32;
    static final int MAX_KNOWN_NODES = 64;
    static final int MAX_ADVERTISEMENTS = 64;
    static final int MAX_CAPABILITIES = 32;
    static final int MAX_IPFS_ADDRESSES = 16;
    static final int MAX_STRING = 256;
    static final int NONCE_HEX_LENGTH = 32;

    /** The sender's and its receipts' issuers' keys recur in every message; decoding each once is enough. */
    private static final PublicKeyCache KEYS = new PublicKeyCache(4_096);

    private Wire() {}

    static HandshakeRejectedException malformed(String message) {
        return new HandshakeRejectedException(RejectionReason.MALFORMED, message);
    }

    /** Refuses members other than {@code allowed} and requires each of them: one spelling per message. */
    static void requireExactly(String what, JsonObject json, Set<String> allowed) {
        requireExactly(what, json, allowed, Set.of());
    }

    /** As {@link #requireExactly(String, JsonObject, Set)}, the {@code optional} members in {@code allowed} optional. */
    static void requireExactly(String what, JsonObject json, Set<String> allowed, Set<String> optional) {
        for (String key : json.members().keySet()) {
            if (!allowed.contains(key)) {
                throw malformed(what + " has unknown member \"" + key + "\"; allowed: " + new TreeSet<>(allowed));
            }
        }
        for (String key : allowed) {
            if (!optional.contains(key) && !json.has(key)) {
                throw malformed(what + " is missing member \"" + key + "\"");
            }
        }
    }

    /** Checks {@code schema_version} first, so that a newer version is refused by name, not as malformed. */
    static void requireSchemaVersion(String what, JsonObject json) {
        JsonValue v = json.get("schema_version").orElseThrow(() -> malformed(what + " has no \"schema_version\""));
        if (!(v instanceof JsonString(String version) && version.equals(SCHEMA_VERSION))) {
            throw new HandshakeRejectedException(
                    RejectionReason.UNSUPPORTED_SCHEMA_VERSION,
                    what + " has schema_version " + describe(v) + "; this node speaks \"" + SCHEMA_VERSION + "\"");
        }
    }

    static <T extends JsonValue> T get(String what, JsonObject json, String key, Class<T> type) {
        try {
            return json.require(key, type);
        } catch (IllegalArgumentException e) {
            throw malformed(what + ": " + e.getMessage());
        }
    }

    static String string(String what, JsonObject json, String key) {
        String s = get(what, json, key, JsonString.class).value();
        if (s.isEmpty() || s.length() > MAX_STRING) {
            throw malformed(what + "." + key + " must have 1.." + MAX_STRING + " characters, got " + describe(s));
        }
        return s;
    }

    static Optional<String> optionalString(String what, JsonObject json, String key) {
        return get(what, json, key, JsonValue.class) instanceof JsonNull
                ? Optional.empty()
                : Optional.of(string(what, json, key));
    }

    static long nonNegative(String what, JsonObject json, String key) {
        long n = get(what, json, key, JsonInteger.class).value();
        if (n < 0) {
            throw malformed(what + "." + key + " must be >= 0, got " + n);
        }
        return n;
    }

    static NodeId nodeId(String what, JsonObject json, String key) {
        return parse(what, key, get(what, json, key, JsonString.class).value(), NodeId::fromHex);
    }

    static NodePublicKey publicKey(String what, JsonObject json, String key) {
        return parse(what, key, get(what, json, key, JsonString.class).value(), KEYS::decode);
    }

    static String nonce(String what, JsonObject json) {
        String nonce = get(what, json, "nonce", JsonString.class).value();
        if (nonce.length() != NONCE_HEX_LENGTH || !LowerHex.isLowerHex(nonce)) {
            throw malformed(
                    what + ".nonce must be " + NONCE_HEX_LENGTH + " lowercase hex characters, got " + describe(nonce));
        }
        return nonce;
    }

    static <T> List<T> list(String what, JsonObject json, String key, int max, Function<JsonValue, T> element) {
        List<JsonValue> elements = get(what, json, key, JsonArray.class).elements();
        if (elements.size() > max) {
            throw malformed(what + "." + key + " has " + elements.size() + " elements, at most " + max + " allowed");
        }
        return elements.stream().map(element).toList();
    }

    static JsonObject object(String what, JsonValue value) {
        if (value instanceof JsonObject o) {
            return o;
        }
        throw malformed(what + " must be an object, got " + value.typeName());
    }

    static JsonValue nullable(Optional<String> value) {
        return value.<JsonValue>map(JsonString::new).orElse(JsonNull.INSTANCE);
    }

    static String describe(Object value) {
        String s = value instanceof JsonString(String v) ? v : value instanceof String v ? v : null;
        if (s == null) {
            return value instanceof JsonValue j ? "a " + j.typeName() : String.valueOf(value);
        }
        return s.length() <= 80 ? "'" + s + "'" : "'" + s.substring(0, 77) + "...' (" + s.length() + " characters)";
    }

    private static <T> T parse(String what, String key, String text, Function<String, T> parser) {
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw malformed(what + "." + key + ": " + e.getMessage());
        }
    }
}
