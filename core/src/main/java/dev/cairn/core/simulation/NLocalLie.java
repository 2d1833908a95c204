package dev.cairn.core.simulation;

import dev.cairn.core.id.NodeIdentity;
import dev.cairn.core.membership.HandshakeMetrics;
import dev.cairn.core.membership.HandshakeRequest;
import dev.cairn.core.membership.HandshakeResponse;
import dev.cairn.core.membership.MemberAdvertisement;

/**
 * What a Sybil node sends: its own handshake or response, re-signed with its own key but claiming {@code nLocal}. The
 * signature is valid, so only island filtering can keep the claim out of {@code N_estimate}.
 */
public final class NLocalLie {
    private NLocalLie() {}

    public static HandshakeRequest request(NodeIdentity liar, HandshakeRequest r, long nLocal) {
        return HandshakeRequest.sign(
                liar, r.node(), new HandshakeMetrics(nLocal, r.metrics().members()), r.receipts(), r.nonce(), r.ts());
    }

    /** The response re-signed with the lie, the liar's own advertisement in it re-signed with the same lie. */
    public static HandshakeResponse response(NodeIdentity liar, HandshakeResponse r, long nLocal) {
        var advertisements = r.advertisements().stream()
                .map(a -> a.node().nodeId().equals(liar.nodeId())
                        ? MemberAdvertisement.sign(liar, a.node(), nLocal, a.receipts(), a.ts())
                        : a)
                .toList();
        return HandshakeResponse.sign(
                liar,
                r.node(),
                new HandshakeMetrics(nLocal, r.metrics().members()),
                r.receipts(),
                r.knownPublicNodes(),
                nLocal,
                r.receipt(),
                advertisements,
                r.nonce(),
                r.ts());
    }
}
