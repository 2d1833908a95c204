package dev.cairn.core.id;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/** Bouncy Castle and the JDK's independent SunEC implementation agree, both ways. */
class Ed25519InteropTest {
    /** DER prefix of an X.509 SubjectPublicKeyInfo for Ed25519 (RFC 8410); the raw 32-byte key follows. */
    private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    @Property(tries = 200)
    void theJdkVerifiesOurSignatures(@ForAll @Size(32) byte[] seed, @ForAll @Size(max = 300) byte[] message)
            throws Exception {
        var identity = NodeIdentity.fromSeed(seed);
        var jdk = Signature.getInstance("Ed25519");
        jdk.initVerify(jdkPublicKey(identity.publicKey()));
        jdk.update(message);

        assertThat(jdk.verify(identity.sign(message))).isTrue();
    }

    @Property(tries = 200)
    void weVerifyTheJdksSignaturesAndTheyMatchOurs(
            @ForAll @Size(32) byte[] seed, @ForAll @Size(max = 300) byte[] message) throws Exception {
        var identity = NodeIdentity.fromSeed(seed);
        var jdk = Signature.getInstance("Ed25519");
        jdk.initSign(KeyFactory.getInstance("Ed25519")
                .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(
                        concat(HexFormat.of().parseHex("302e020100300506032b657004220420"), seed))));
        jdk.update(message);
        byte[] signature = jdk.sign();

        assertThat(Ed25519.verify(identity.publicKey().toBytes(), message, signature))
                .isTrue();
        assertThat(signature).isEqualTo(identity.sign(message)); // Ed25519 is deterministic
    }

    private static PublicKey jdkPublicKey(NodePublicKey key) throws Exception {
        return KeyFactory.getInstance("Ed25519")
                .generatePublic(new X509EncodedKeySpec(concat(SPKI_PREFIX, key.toBytes())));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
