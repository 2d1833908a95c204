package dev.cairn.core.replication;

import dev.cairn.core.id.NodeId;
import java.net.Inet4Address;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * An active member as replication sees it: its NodeId, and where known the first octet of its IPv4 address and its
 * autonomous system number, which lease diversity is measured on.
 */
public record Candidate(NodeId id, OptionalInt ipv4FirstOctet, OptionalLong asn) {
    private static final long MAX_ASN = 0xFFFF_FFFFL;

    public Candidate {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(ipv4FirstOctet, "ipv4FirstOctet");
        Objects.requireNonNull(asn, "asn");
        if (ipv4FirstOctet.isPresent() && (ipv4FirstOctet.getAsInt() < 0 || ipv4FirstOctet.getAsInt() > 255)) {
            throw new IllegalArgumentException(
                    "IPv4 first octet of " + id + " must be in [0, 255], got " + ipv4FirstOctet.getAsInt());
        }
        if (asn.isPresent() && (asn.getAsLong() < 0 || asn.getAsLong() > MAX_ASN)) {
            throw new IllegalArgumentException("ASN of " + id + " must be in [0, 4294967295], got " + asn.getAsLong());
        }
    }

    /** A member whose address and ASN are unknown. */
    public static Candidate of(NodeId id) {
        return new Candidate(id, OptionalInt.empty(), OptionalLong.empty());
    }

    /** A member at {@code address} in {@code asn}. */
    public static Candidate of(NodeId id, Inet4Address address, long asn) {
        return new Candidate(id, OptionalInt.of(address.getAddress()[0] & 0xff), OptionalLong.of(asn));
    }

    /** A member whose first octet and ASN are known. */
    public static Candidate of(NodeId id, int ipv4FirstOctet, long asn) {
        return new Candidate(id, OptionalInt.of(ipv4FirstOctet), OptionalLong.of(asn));
    }
}
