package dev.cairn.core.membership;

import dev.cairn.core.canonical.JsonArray;
import dev.cairn.core.canonical.JsonObject;
import dev.cairn.core.canonical.JsonString;
import dev.cairn.core.canonical.JsonValue;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** A node's IPFS peer id and multiaddresses, for peering its IPFS daemon; opaque strings to membership. */
public record IpfsInfo(String peerId, List<String> addresses) {
    private static final Set<String> FIELDS = Set.of("peer_id", "addresses");

    public IpfsInfo {
        Objects.requireNonNull(peerId, "peerId");
        addresses = List.copyOf(addresses);
        requireBounded("peer id", peerId);
        if (addresses.size() > Wire.MAX_IPFS_ADDRESSES) {
            throw new IllegalArgumentException(
                    "at most " + Wire.MAX_IPFS_ADDRESSES + " IPFS addresses, got " + addresses.size());
        }
        addresses.forEach(a -> requireBounded("IPFS address", a));
    }

    JsonObject toJson() {
        return JsonObject.builder()
                .put(
                        "addresses",
                        new JsonArray(addresses.stream()
                                .<JsonValue>map(JsonString::new)
                                .toList()))
                .put("peer_id", peerId)
                .build();
    }

    static IpfsInfo fromJson(JsonObject json) {
        Wire.requireExactly("node.ipfs", json, FIELDS);
        List<String> addresses = Wire.list("node.ipfs", json, "addresses", Wire.MAX_IPFS_ADDRESSES, v -> {
            if (v instanceof JsonString(String s) && !s.isEmpty() && s.length() <= Wire.MAX_STRING) {
                return s;
            }
            throw Wire.malformed("node.ipfs.addresses holds " + Wire.describe(v) + ", expected strings of 1.."
                    + Wire.MAX_STRING + " characters");
        });
        return new IpfsInfo(Wire.string("node.ipfs", json, "peer_id"), addresses);
    }

    private static void requireBounded(String what, String s) {
        if (s.isEmpty() || s.length() > Wire.MAX_STRING) {
            throw new IllegalArgumentException(
                    "an " + what + " has 1.." + Wire.MAX_STRING + " characters, got " + Wire.describe(s));
        }
    }
}
