package dev.cairn.core.bench;

import dev.cairn.core.id.Ed25519;
import dev.cairn.core.id.NodeIdentity;
import dev.cairn.core.id.NodePublicKey;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Ed25519 operations per second: Bouncy Castle (what Cairn uses) against the JDK's SunEC, for reference.
 *
 * <p>The message is 256 bytes, about the size of a signed receipt. {@code bouncyCastleVerify} reuses a decoded
 * {@link NodePublicKey}, as a node does for a peer it knows; {@code bouncyCastleVerifyRawKey} decodes the key on every
 * call, as for a key seen once. Run: {@code ./mvnw -pl core -Pbench -DskipTests verify -Dbench.includes=Ed25519}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class Ed25519Benchmark {
    private static final HexFormat HEX = HexFormat.of();

    private byte[] message;
    private byte[] signature;
    private byte[] publicKeyBytes;
    private NodeIdentity identity;
    private NodePublicKey publicKey;
    private Signature sunEcVerifier;
    private Signature sunEcSigner;

    @Setup
    public void setUp() throws Exception {
        var random = new Random(42);
        byte[] seed = new byte[32];
        random.nextBytes(seed);
        message = new byte[256];
        random.nextBytes(message);

        identity = NodeIdentity.fromSeed(seed);
        publicKey = identity.publicKey();
        publicKeyBytes = publicKey.toBytes();
        signature = identity.sign(message);

        // RFC 8410 DER prefixes around the raw keys, so the JDK gets the very same key pair.
        var keys = KeyFactory.getInstance("Ed25519", "SunEC");
        sunEcVerifier = Signature.getInstance("Ed25519", "SunEC");
        sunEcVerifier.initVerify(keys.generatePublic(
                new X509EncodedKeySpec(concat(HEX.parseHex("302a300506032b6570032100"), publicKeyBytes))));
        sunEcSigner = Signature.getInstance("Ed25519", "SunEC");
        sunEcSigner.initSign(keys.generatePrivate(
                new PKCS8EncodedKeySpec(concat(HEX.parseHex("302e020100300506032b657004220420"), seed))));
        if (!sunEcVerify() || !bouncyCastleVerifyRawKey()) {
            throw new IllegalStateException("the benchmark signature does not verify");
        }
    }

    @Benchmark
    public boolean bouncyCastleVerify() {
        return publicKey.verify(message, signature);
    }

    @Benchmark
    public boolean bouncyCastleVerifyRawKey() {
        return Ed25519.verify(publicKeyBytes, message, signature);
    }

    @Benchmark
    public boolean sunEcVerify() throws Exception {
        sunEcVerifier.update(message);
        return sunEcVerifier.verify(signature);
    }

    @Benchmark
    public byte[] bouncyCastleSign() {
        return identity.sign(message);
    }

    @Benchmark
    public byte[] sunEcSign() throws Exception {
        sunEcSigner.update(message);
        return sunEcSigner.sign();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
