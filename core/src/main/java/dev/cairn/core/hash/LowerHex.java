package dev.cairn.core.hash;

/**
 * The one check for the wire's hex: digests, keys, signatures and nonces are written in lowercase hex only, so that
 * each value has exactly one spelling ({@link java.util.HexFormat#parseHex} alone would also take upper case).
 */
public final class LowerHex {
    /** The value of each ASCII character as a lowercase hex digit, or -1. */
    private static final byte[] DIGIT = new byte[128];

    static {
        java.util.Arrays.fill(DIGIT, (byte) -1);
        for (int i = 0; i < 16; i++) {
            DIGIT["0123456789abcdef".charAt(i)] = (byte) i;
        }
    }

    private LowerHex() {}

    /**
     * The bytes {@code s} spells, two lowercase hex digits each, or {@code null} if it has an odd length or any other
     * character: the check and the decoding in one pass over the text, for the hex of every message.
     */
    public static byte[] decode(String s) {
        if ((s.length() & 1) != 0) {
            return null;
        }
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int high = digit(s.charAt(2 * i));
            int low = digit(s.charAt(2 * i + 1));
            if ((high | low) < 0) {
                return null;
            }
            out[i] = (byte) (high << 4 | low);
        }
        return out;
    }

    private static int digit(char c) {
        return c < DIGIT.length ? DIGIT[c] : -1;
    }

    /** Whether every character of {@code s} is one of {@code 0-9a-f} (true for the empty string). */
    public static boolean isLowerHex(String s) {
        return indexOfNonLowerHex(s) < 0;
    }

    /** The index of the first character of {@code s} outside {@code 0-9a-f}, or -1 if there is none. */
    public static int indexOfNonLowerHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return i;
            }
        }
        return -1;
    }
}
