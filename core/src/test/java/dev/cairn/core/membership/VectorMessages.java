package dev.cairn.core.membership;

import static dev.cairn.core.membership.Fixtures.ALICE;
import static dev.cairn.core.membership.Fixtures.BOB;
import static dev.cairn.core.membership.Fixtures.NONCE;
import static dev.cairn.core.membership.Fixtures.TS;

import java.util.List;
import java.util.Optional;

/** The messages of docs/test-vectors/membership.json, built from their inputs. */
final class VectorMessages {
    static final Receipt RECEIPT = Receipt.issue(BOB, ALICE.nodeId(), Optional.of(new Asn(64500)), TS);
    static final HandshakeRequest HANDSHAKE = HandshakeRequest.sign(
            ALICE,
            Fixtures.info(ALICE, "https://alice.example"),
            new HandshakeMetrics(2, 1),
            List.of(RECEIPT),
            NONCE,
            TS + 1_000);
    static final HandshakeResponse RESPONSE = HandshakeResponse.sign(
            BOB,
            Fixtures.privateInfo(BOB),
            new HandshakeMetrics(2, 1),
            List.of(),
            List.of(),
            2,
            Receipt.issue(BOB, ALICE.nodeId(), Optional.empty(), TS + 1_500),
            NONCE,
            TS + 1_500);

    static final MemberAdvertisement ADVERTISEMENT = MemberAdvertisement.sign(
            ALICE, Fixtures.info(ALICE, "https://alice.example"), 2, List.of(RECEIPT), TS + 1_000);

    /** Alice's filter when she holds Bob's advertisement signed at {@code TS + 500}. */
    static final HeldAdvertisements HELD = held();

    static final HandshakeRequest HANDSHAKE_WITH_HELD = HandshakeRequest.sign(
            ALICE,
            Fixtures.info(ALICE, "https://alice.example"),
            new HandshakeMetrics(2, 1),
            List.of(RECEIPT),
            Optional.of(HELD),
            NONCE,
            TS + 1_000);

    private static HeldAdvertisements held() {
        var filter = HeldAdvertisements.sized(1);
        filter.add(BOB.nodeId(), TS + 500, HeldAdvertisements.salt(NONCE));
        return filter;
    }

    private VectorMessages() {}
}
