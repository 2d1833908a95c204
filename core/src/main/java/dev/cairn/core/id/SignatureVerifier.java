package dev.cairn.core.id;

/**
 * The port through which signed structures are checked: whether {@code signature} is {@code key}'s Ed25519 signature
 * of {@code message}.
 *
 * <p>A real node uses {@link #direct()}. The port exists so that a simulator running many nodes in one JVM can give
 * them all one {@link SignatureMemo}: verification is a pure function, so a result one simulated node computed holds
 * for every other, while in a real network each node does its own share on its own CPU.
 */
@FunctionalInterface
public interface SignatureVerifier {
    /** Whether the signature holds; malformed signatures are simply invalid, never an exception. */
    boolean verify(NodePublicKey key, byte[] message, byte[] signature);

    /** Verifies every signature with Ed25519, remembering nothing. */
    static SignatureVerifier direct() {
        return NodePublicKey::verify;
    }
}
