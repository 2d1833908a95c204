package dev.cairn.core.membership;

/** An autonomous system number: 1 .. 4294967295 (RFC 6793 four-octet ASNs; 0 is reserved and never announced). */
public record Asn(long number) {
    public static final long MAX = 0xFFFF_FFFFL;

    public Asn {
        if (number < 1 || number > MAX) {
            throw new IllegalArgumentException("an ASN is in [1, " + MAX + "], got " + number);
        }
    }

    @Override
    public String toString() {
        return "AS" + number;
    }
}
