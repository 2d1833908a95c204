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

    @Test
    void decodesWhatItAcceptsAsHexFormatDoes() {
        var random = new java.util.Random(3);
        for (int n = 0; n < 70; n++) {
            byte[] bytes = new byte[n];
            random.nextBytes(bytes);
            String hex = java.util.HexFormat.of().formatHex(bytes);
            assertThat(LowerHex.decode(hex)).isEqualTo(bytes);
        }
    }

    @Test
    void decodesNothingThatIsNotLowercaseHexOfEvenLength() {
        assertThat(LowerHex.decode("abc")).isNull();
        assertThat(LowerHex.decode("0A")).isNull();
        assertThat(LowerHex.decode("0g")).isNull();
        assertThat(LowerHex.decode("g0")).isNull();
        assertThat(LowerHex.decode("0\u0100")).isNull(); // beyond ASCII
        assertThat(LowerHex.decode("\u0660\u0661")).isNull(); // digits, but not ASCII ones
        assertThat(LowerHex.decode("")).isEmpty();
    }
}
