package dev.cairn.core.id;

import java.security.SecureRandom;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * A node's Ed25519 key pair: who the node is ({@link #nodeId()}) and the ability to sign as it.
 *
 * <p>Immutable and thread-safe. The private key never leaves this class except, package-private, to
 * {@link NodeKeyFile}; {@link #toString()} shows only the NodeId. Signed structures go through {@link SignedJson},
 * which adds the domain separation that {@link #sign(byte[])} alone does not.
 */
public final class NodeIdentity {
    private final Ed25519PrivateKeyParameters privateKey;
    private final NodePublicKey publicKey;

    private NodeIdentity(Ed25519PrivateKeyParameters privateKey) {
        this.privateKey = privateKey;
        this.publicKey = NodePublicKey.of(privateKey.generatePublicKey());
    }

    /** A fresh key pair from {@code random}. */
    public static NodeIdentity generate(SecureRandom random) {
        return new NodeIdentity(new Ed25519PrivateKeyParameters(random));
    }

    /** The key pair of a 32-byte RFC 8032 secret key ("seed"). The seed is copied; the caller may wipe its array. */
    public static NodeIdentity fromSeed(byte[] seed) {
        if (seed.length != Ed25519.SEED_LENGTH) {
            throw new IllegalArgumentException("an Ed25519 seed has 32 bytes, got " + seed.length);
        }
        return new NodeIdentity(new Ed25519PrivateKeyParameters(seed));
    }

    public NodeId nodeId() {
        return publicKey.nodeId();
    }

    public NodePublicKey publicKey() {
        return publicKey;
    }

    /** The 64-byte Ed25519 signature of {@code message} exactly as given (deterministic, RFC 8032). */
    public byte[] sign(byte[] message) {
        byte[] signature = new byte[Ed25519.SIGNATURE_LENGTH];
        privateKey.sign(
                org.bouncycastle.math.ec.rfc8032.Ed25519.Algorithm.Ed25519,
                null,
                message,
                0,
                message.length,
                signature,
                0);
        return signature;
    }

    /** The secret seed, for {@link NodeKeyFile} only. */
    byte[] seed() {
        return privateKey.getEncoded();
    }

    @Override
    public String toString() {
        return "NodeIdentity[nodeId=" + nodeId() + "]";
    }
}
