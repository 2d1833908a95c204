package dev.cairn.core.canonical;

/**
 * Strict UTF-8 decoding of one multi-byte sequence (Unicode 15, table 3-7).
 *
 * <p>Overlong forms, encoded surrogates and code points above U+10FFFF are refused: a lenient decoder would map several
 * byte strings to one text, and a signature checked over the text would then cover bytes the signer never wrote.
 */
final class Utf8 {
    /** How a failure is reported: offset and problem. */
    interface Errors {
        MalformedJsonException error(int offset, String problem);
    }

    private Utf8() {}

    /** Length of the sequence a lead byte announces, or 0 if {@code lead} cannot start one. */
    static int sequenceLength(int lead) {
        if (lead >= 0xc2 && lead <= 0xdf) {
            return 2;
        } else if (lead >= 0xe0 && lead <= 0xef) {
            return 3;
        } else if (lead >= 0xf0 && lead <= 0xf4) {
            return 4;
        }
        return 0;
    }

    /** The code point of the multi-byte sequence at {@code at}. */
    static int decode(byte[] in, int at, Errors errors) {
        int lead = in[at] & 0xff;
        int length = sequenceLength(lead);
        if (length == 0) {
            throw errors.error(at, String.format("invalid UTF-8 lead byte 0x%02x", lead));
        }
        // The second byte's range is what excludes overlongs (E0, F0), surrogates (ED) and > U+10FFFF (F4).
        int low = lead == 0xe0 ? 0xa0 : lead == 0xf0 ? 0x90 : 0x80;
        int high = lead == 0xed ? 0x9f : lead == 0xf4 ? 0x8f : 0xbf;
        int codePoint = lead & (0xff >> (length + 1));
        for (int i = 1; i < length; i++) {
            if (at + i >= in.length) {
                throw errors.error(at, "truncated UTF-8 sequence at end of input");
            }
            int b = in[at + i] & 0xff;
            if (b < low || b > high) {
                throw errors.error(at + i, String.format("invalid UTF-8 continuation byte 0x%02x", b));
            }
            low = 0x80;
            high = 0xbf;
            codePoint = codePoint << 6 | (b & 0x3f);
        }
        return codePoint;
    }
}
