package dev.cairn.core.membership;

import dev.cairn.core.id.NodeId;

/**
 * Where a receipt's vouching comes from, for counting distinct networks: the issuer's ASN as this node observed it,
 * else the issuer itself. Two issuers in one ASN are one origin; an issuer of unknown ASN is its own.
 */
sealed interface Origin {
    record OfAsn(Asn asn) implements Origin {}

    record OfNode(NodeId node) implements Origin {}

    static Origin of(NodeId node, java.util.Optional<Asn> asn) {
        return asn.<Origin>map(OfAsn::new).orElseGet(() -> new OfNode(node));
    }
}
