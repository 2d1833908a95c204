package dev.cairn.core.id;

import dev.cairn.core.hash.LowerHex;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

/**
 * A node's Ed25519 public key: 32 bytes that decode to a curve point not of small order.
 *
 * <p>Decoding the point is the expensive half of checking a key, so it is done once, here, and every later
 * {@link #verify} reuses it.
 */
public final class NodePublicKey {
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] bytes;
    private final Ed25519PublicKeyParameters params;
    private final NodeId nodeId;

    private NodePublicKey(byte[] bytes, Ed25519PublicKeyParameters params) {
        this.bytes = bytes;
        this.params = params;
        this.nodeId = NodeId.ofPublicKey(bytes);
    }

    /**
     * Wraps a copy of a raw 32-byte Ed25519 public key.
     *
     * @throws IllegalArgumentException if it has the wrong length, is not a curve point, or is a point of small order
     */
    public static NodePublicKey of(byte[] publicKey) {
        if (publicKey.length != Ed25519.PUBLIC_KEY_LENGTH) {
            throw new IllegalArgumentException(
                    "an Ed25519 public key has 32 bytes, got " + publicKey.length + ": " + HEX.formatHex(publicKey));
        }
        byte[] copy = publicKey.clone();
        try {
            return new NodePublicKey(copy, new Ed25519PublicKeyParameters(copy));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a valid Ed25519 public key: " + HEX.formatHex(copy), e);
        }
    }

    /** Parses 64 lowercase hex characters, the wire form. */
    public static NodePublicKey fromHex(String hex) {
        Objects.requireNonNull(hex, "hex");
        byte[] bytes = hex.length() == 2 * Ed25519.PUBLIC_KEY_LENGTH ? LowerHex.decode(hex) : null;
        if (bytes == null) {
            throw new IllegalArgumentException("an Ed25519 public key is 64 lowercase hex characters, got '"
                    + (hex.length() > 80 ? hex.substring(0, 77) + "..." : hex) + "'");
        }
        return of(bytes);
    }

    static NodePublicKey of(Ed25519PublicKeyParameters params) {
        return new NodePublicKey(params.getEncoded(), params);
    }

    /** BLAKE3-256 of the key bytes. */
    public NodeId nodeId() {
        return nodeId;
    }

    /** Whether {@code signature} is this key's signature of {@code message}; malformed signatures are just invalid. */
    public boolean verify(byte[] message, byte[] signature) {
        return Ed25519.verify(params, message, signature);
    }

    public byte[] toBytes() {
        return bytes.clone();
    }

    /** Lowercase hex, the wire form. */
    public String hex() {
        return HEX.formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NodePublicKey k && Arrays.equals(bytes, k.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
