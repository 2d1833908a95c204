package dev.cairn.core.id;

import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

/**
 * Ed25519 (RFC 8032, pure, no context) sizes and the verification every caller shares.
 *
 * <p>Bouncy Castle's lightweight API does the arithmetic: it verifies about eight times faster than the JDK's SunEC
 * here (see {@code Ed25519Benchmark}), and it refuses non-canonical {@code S} and invalid or small-order public keys.
 */
public final class Ed25519 {
    public static final int SEED_LENGTH = 32;
    public static final int PUBLIC_KEY_LENGTH = 32;
    public static final int SIGNATURE_LENGTH = 64;

    private Ed25519() {}

    /**
     * Whether {@code signature} is a valid Ed25519 signature of {@code message} by {@code publicKey}.
     *
     * <p>Malformed input (a key or signature of the wrong length, a key that is not a valid curve point) is simply not a
     * valid signature: the answer is {@code false}, never an exception, so untrusted bytes can be passed straight in.
     */
    public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        if (publicKey.length != PUBLIC_KEY_LENGTH) {
            return false;
        }
        Ed25519PublicKeyParameters key;
        try {
            key = new Ed25519PublicKeyParameters(publicKey);
        } catch (IllegalArgumentException invalidPoint) {
            return false;
        }
        return verify(key, message, signature);
    }

    static boolean verify(Ed25519PublicKeyParameters key, byte[] message, byte[] signature) {
        if (signature.length != SIGNATURE_LENGTH) {
            return false;
        }
        return key.verify(
                org.bouncycastle.math.ec.rfc8032.Ed25519.Algorithm.Ed25519,
                null,
                message,
                0,
                message.length,
                signature,
                0);
    }
}
