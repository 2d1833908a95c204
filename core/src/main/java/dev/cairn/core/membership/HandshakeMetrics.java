package dev.cairn.core.membership;

import dev.cairn.core.canonical.JsonObject;
import java.util.Set;

/**
 * What a node reports about its view in a handshake: {@code n_local}, its HyperLogLog estimate of the active
 * population it sees (itself included), and {@code members}, how many members it holds, active or not.
 */
public record HandshakeMetrics(long nLocal, long members) {
    private static final Set<String> FIELDS = Set.of("n_local", "members");

    public HandshakeMetrics {
        if (nLocal < 0 || members < 0) {
            throw new IllegalArgumentException("metrics are >= 0, got n_local=" + nLocal + ", members=" + members);
        }
    }

    JsonObject toJson() {
        return JsonObject.builder()
                .put("members", members)
                .put("n_local", nLocal)
                .build();
    }

    static HandshakeMetrics fromJson(JsonObject json) {
        Wire.requireExactly("metrics", json, FIELDS);
        return new HandshakeMetrics(
                Wire.nonNegative("metrics", json, "n_local"), Wire.nonNegative("metrics", json, "members"));
    }
}
