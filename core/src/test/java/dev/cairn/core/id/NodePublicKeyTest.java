package dev.cairn.core.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NodePublicKeyTest {
    private static final String RFC_TEST_1_PUBLIC = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

    @Test
    void roundTripsThroughHex() {
        var key = NodePublicKey.fromHex(RFC_TEST_1_PUBLIC);

        assertThat(key.hex()).isEqualTo(RFC_TEST_1_PUBLIC);
        assertThat(key).isEqualTo(NodePublicKey.of(key.toBytes())).hasSameHashCodeAs(NodePublicKey.of(key.toBytes()));
        assertThat(key.toString()).isEqualTo(RFC_TEST_1_PUBLIC);
    }

    @Test
    void refusesBytesThatAreNotACurvePointNamingThem() {
        String bad = "ff".repeat(32);

        assertThatThrownBy(() -> NodePublicKey.fromHex(bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a valid Ed25519 public key: " + bad);
    }

    @Test
    void refusesASmallOrderPoint() {
        String identityPoint = "01" + "00".repeat(31);

        assertThatThrownBy(() -> NodePublicKey.fromHex(identityPoint)).hasMessageContaining(identityPoint);
    }

    @Test
    void refusesWrongLengthsAndNonLowercaseHex() {
        assertThatThrownBy(() -> NodePublicKey.of(new byte[33])).hasMessageContaining("got 33");
        assertThatThrownBy(() -> NodePublicKey.fromHex(RFC_TEST_1_PUBLIC.toUpperCase()))
                .hasMessageContaining("64 lowercase hex characters, got 'D75A");
        assertThatThrownBy(() -> NodePublicKey.fromHex("abc")).hasMessageContaining("got 'abc'");
    }

    @Test
    void keepsItsOwnCopyOfTheBytes() {
        var key = NodePublicKey.fromHex(RFC_TEST_1_PUBLIC);
        key.toBytes()[0] ^= 1;

        assertThat(key.hex()).isEqualTo(RFC_TEST_1_PUBLIC);
    }
}
