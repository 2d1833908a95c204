package dev.cairn.core.hash;

/**
 * The one check for the wire's hex: digests, keys, signatures and nonces are written in lowercase hex only, so that
 * each value has exactly one spelling ({@link java.util.HexFormat#parseHex} alone would also take upper case).
 */
public final class LowerHex {
    private LowerHex() {}

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
