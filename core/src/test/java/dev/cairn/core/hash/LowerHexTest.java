package dev.cairn.core.hash;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LowerHexTest {
    @Test
    void acceptsExactlyTheDigitsAndLowercaseAToF() {
        for (char c = 0; c < 0x180; c++) {
            boolean expected = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
            assertThat(LowerHex.isLowerHex("0" + c + "f")).as("U+%04X", (int) c).isEqualTo(expected);
        }
        assertThat(LowerHex.isLowerHex("")).isTrue();
        assertThat(LowerHex.isLowerHex("0123456789abcdef")).isTrue();
    }

    @Test
    void findsTheFirstCharacterOutside() {
        assertThat(LowerHex.indexOfNonLowerHex("00ff")).isEqualTo(-1);
        assertThat(LowerHex.indexOfNonLowerHex("00Ff")).isEqualTo(2);
        assertThat(LowerHex.indexOfNonLowerHex("g0G0")).isZero();
        assertThat(LowerHex.indexOfNonLowerHex("abc ")).isEqualTo(3);
    }
}
