package dev.cairn.core.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.hash.Blake3;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class NodeIdentityTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String RFC_TEST_1_SEED = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";

    @Test
    void nodeIdIsBlake3OfThePublicKey() {
        var identity = NodeIdentity.fromSeed(HEX.parseHex(RFC_TEST_1_SEED));

        assertThat(identity.nodeId().value().toBytes())
                .isEqualTo(Blake3.hash(identity.publicKey().toBytes()));
        assertThat(identity.nodeId())
                .isEqualTo(NodeId.ofPublicKey(identity.publicKey().toBytes()));
        assertThat(identity.publicKey().nodeId()).isEqualTo(identity.nodeId());
    }

    @Test
    void generatedIdentitiesDifferAndSignVerifiably() {
        var random = new SecureRandom();
        var a = NodeIdentity.generate(random);
        var b = NodeIdentity.generate(random);
        byte[] message = "hello".getBytes();

        assertThat(a.nodeId()).isNotEqualTo(b.nodeId());
        assertThat(a.publicKey().verify(message, a.sign(message))).isTrue();
        assertThat(b.publicKey().verify(message, a.sign(message))).isFalse();
    }

    @Test
    void theSameSeedGivesTheSameIdentity() {
        var a = NodeIdentity.fromSeed(HEX.parseHex(RFC_TEST_1_SEED));
        var b = NodeIdentity.fromSeed(HEX.parseHex(RFC_TEST_1_SEED));

        assertThat(a.nodeId()).isEqualTo(b.nodeId());
        assertThat(a.sign(new byte[] {1})).isEqualTo(b.sign(new byte[] {1}));
    }

    @Test
    void toStringShowsTheNodeIdAndNoKeyMaterial() {
        var identity = NodeIdentity.fromSeed(HEX.parseHex(RFC_TEST_1_SEED));

        assertThat(identity.toString())
                .isEqualTo("NodeIdentity[nodeId=" + identity.nodeId().hex() + "]")
                .doesNotContain(RFC_TEST_1_SEED)
                .doesNotContain(RFC_TEST_1_SEED.substring(0, 16));
    }

    @Test
    void aSeedOfTheWrongLengthIsRefusedWithItsLength() {
        assertThatThrownBy(() -> NodeIdentity.fromSeed(new byte[31]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an Ed25519 seed has 32 bytes, got 31");
    }

    @Test
    void theCallersSeedArrayCanBeWipedAfterwards() {
        byte[] seed = HEX.parseHex(RFC_TEST_1_SEED);
        var identity = NodeIdentity.fromSeed(seed);
        java.util.Arrays.fill(seed, (byte) 0);

        assertThat(identity.publicKey().hex())
                .isEqualTo("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    }
}
