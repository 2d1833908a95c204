package dev.cairn.core.membership;

import java.net.InetAddress;
import java.util.Optional;

/**
 * Port: the autonomous system an address is announced from. Receipts and reachability use it to count distinct
 * networks; an unknown ASN is allowed everywhere (the issuer's NodeId stands in for it). {@link AsnTable} reads a
 * prefix table from a file.
 */
@FunctionalInterface
public interface AsnResolver {
    /** Knows no ASN at all: every origin is then a NodeId. */
    AsnResolver NONE = address -> Optional.empty();

    Optional<Asn> resolve(InetAddress address);
}
