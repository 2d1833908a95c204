package dev.cairn.core.payment;

import dev.cairn.core.port.RandomBytes;

/**
 * Fresh intent ids: 128 random bits as 26 letters of lower-case RFC 4648 base32 without padding. Lower case and no
 * look-alike digits, because a TON payer may have to type the id as the transfer's comment.
 */
final class IntentIds {
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private IntentIds() {}

    static String next(RandomBytes random) {
        byte[] bits = random.bytes(16);
        StringBuilder out = new StringBuilder(26);
        int buffer = 0;
        int held = 0;
        for (byte b : bits) {
            buffer = (buffer << 8) | (b & 0xff);
            held += 8;
            while (held >= 5) {
                out.append(ALPHABET[(buffer >>> (held - 5)) & 31]);
                held -= 5;
            }
        }
        out.append(ALPHABET[(buffer << (5 - held)) & 31]);
        return out.toString();
    }
}
