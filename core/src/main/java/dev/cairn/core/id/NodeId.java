package dev.cairn.core.id;

import dev.cairn.core.hash.Digest256;

/** A node's identity: BLAKE3-256 of its Ed25519 public key; ordered as an unsigned big-endian number. */
public record NodeId(Digest256 value) implements Comparable<NodeId> {
    public NodeId {
        java.util.Objects.requireNonNull(value, "value");
    }

    /** The NodeId of a raw 32-byte Ed25519 public key. */
    public static NodeId ofPublicKey(byte[] ed25519PublicKey) {
        if (ed25519PublicKey.length != 32) {
            throw new IllegalArgumentException("an Ed25519 public key has 32 bytes, got " + ed25519PublicKey.length);
        }
        return new NodeId(Digest256.blake3(ed25519PublicKey));
    }

    /** Parses the wire form (64 lowercase hex characters). */
    public static NodeId fromHex(String hex) {
        try {
            return new NodeId(Digest256.fromHex(hex));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid NodeId: " + e.getMessage(), e);
        }
    }

    public String hex() {
        return value.hex();
    }

    @Override
    public int compareTo(NodeId o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return hex();
    }
}
