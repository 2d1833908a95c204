package dev.cairn.core.membership;

import static dev.cairn.core.membership.Fixtures.ALICE;
import static dev.cairn.core.membership.Fixtures.BOB;
import static dev.cairn.core.membership.Fixtures.TS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.canonical.CanonicalJson;
import dev.cairn.core.canonical.JsonArray;
import dev.cairn.core.canonical.JsonParser;
import dev.cairn.core.id.NodeIdentity;
import dev.cairn.core.id.SignatureMemo;
import dev.cairn.core.id.SignatureVerifier;
import dev.cairn.core.port.ManualClock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MemberAdvertisementTest {
    private static final NodeIdentity CAROL =
            NodeIdentity.fromSeed(HexFormat.of().parseHex("03".repeat(32)));
    private static final long TTL = MembershipConfig.DEFAULTS.membershipTtl().toMillis();
    private final ManualClock clock = new ManualClock(TS);
    private final HandshakeVerifier carol = new HandshakeVerifier(MembershipConfig.DEFAULTS, clock, CAROL.nodeId());

    private static Receipt bobFor(NodeIdentity target, long ts) {
        return Receipt.issue(BOB, target.nodeId(), Optional.of(new Asn(64500)), ts);
    }

    private static MemberAdvertisement alice(List<Receipt> receipts, long ts) {
        return MemberAdvertisement.sign(ALICE, Fixtures.info(ALICE, "https://alice.example"), 7, receipts, ts);
    }

    private void rejects(MemberAdvertisement ad, RejectionReason reason, String mentioning) {
        assertThatThrownBy(() -> carol.verify(ad, clock.millis()))
                .isInstanceOfSatisfying(
                        HandshakeRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(reason))
                .hasMessageContaining(mentioning);
    }

    @Test
    void aSignedAdvertisementWithItsOwnReceiptsIsAcceptedByANodeThatNeverMetItsAdvertiser() {
        var ad = alice(List.of(bobFor(ALICE, TS - 1000)), TS - 2000);

        assertThatCode(() -> carol.verify(ad, TS)).doesNotThrowAnyException();
    }

    @Test
    void theWireFormRoundTripsAndSignsTheCanonicalBytes() {
        var ad = alice(List.of(bobFor(ALICE, TS - 1000)), TS);
        var parsed = MemberAdvertisement.fromJson(
                (dev.cairn.core.canonical.JsonObject) JsonParser.parse(CanonicalJson.encode(ad.toJson())));

        assertThat(parsed).isEqualTo(ad);
        assertThatCode(() -> carol.verify(parsed, TS)).doesNotThrowAnyException();
    }

    @Test
    void aChangedNLocalFailsTheAdvertisersSignature() {
        var ad = alice(List.of(), TS);
        var lie = new MemberAdvertisement(ad.node(), 100_000, ad.receipts(), ad.ts(), ad.signature());

        rejects(lie, RejectionReason.BAD_SIGNATURE, ALICE.nodeId().hex());
    }

    @Test
    void anAdvertisementSignedLongerAgoThanTheTtlIsExpired() {
        rejects(alice(List.of(), TS - TTL - 1), RejectionReason.ADVERTISEMENT_EXPIRED, "older than DHT_MEMBERSHIP_TTL");
    }

    @Test
    void anAdvertisementDatedBeyondTheSkewIsFromTheFuture() {
        rejects(alice(List.of(), TS + 120_001), RejectionReason.ADVERTISEMENT_FROM_FUTURE, "ahead of");
    }

    @Test
    void anAdvertisementWhoseNodeIdIsNotItsKeysHashIsRefused() {
        var info = Fixtures.info(ALICE, "https://alice.example");
        var wrong = new NodeInfo(
                BOB.nodeId(),
                info.publicKey(),
                info.publicHost(),
                info.privacy(),
                info.capabilities(),
                info.softwareVersion(),
                info.ipfs());
        var ad = new MemberAdvertisement(
                wrong, 1, List.of(), TS, alice(List.of(), TS).signature());

        rejects(ad, RejectionReason.NODE_ID_MISMATCH, "is not BLAKE3 of public_key");
    }

    @Test
    void aReceiptForAnotherNodeCannotBeAdvertised() {
        rejects(alice(List.of(bobFor(CAROL, TS)), TS), RejectionReason.RECEIPT_WRONG_TARGET, "targets");
    }

    @Test
    void aForgedReceiptFailsEvenThroughAMemoHoldingTheGenuineOne() {
        var memo = new SignatureMemo(SignatureVerifier.direct(), 64);
        var shared = new HandshakeVerifier(MembershipConfig.DEFAULTS, clock, CAROL.nodeId(), memo);
        var genuine = bobFor(ALICE, TS);
        shared.verify(alice(List.of(genuine), TS), TS);
        var forged = new Receipt(
                genuine.issuer(), genuine.issuerKey(), genuine.target(), Optional.empty(), TS, genuine.signature());

        assertThatThrownBy(() -> new HandshakeVerifier(MembershipConfig.DEFAULTS, clock, CAROL.nodeId(), memo)
                        .verify(alice(List.of(forged), TS), TS))
                .isInstanceOfSatisfying(
                        HandshakeRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectionReason.RECEIPT_BAD_SIGNATURE));
    }

    @Test
    void aReceiptExpiredSinceSigningIsNoErrorButAWrongTargetStillIs() {
        var old = bobFor(ALICE, TS - TTL - 5_000);

        assertThatCode(() -> carol.verify(alice(List.of(old), TS - 10_000), TS)).doesNotThrowAnyException();
        rejects(
                alice(List.of(bobFor(CAROL, TS - TTL - 5_000)), TS - 10_000),
                RejectionReason.RECEIPT_WRONG_TARGET,
                "targets");
    }

    @Test
    void anAdvertisementOfTheReceivingNodeItselfIsRefused() {
        var self = new HandshakeVerifier(MembershipConfig.DEFAULTS, clock, ALICE.nodeId());

        assertThatThrownBy(() -> self.verify(alice(List.of(), TS), TS))
                .isInstanceOfSatisfying(
                        HandshakeRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectionReason.SELF_HANDSHAKE));
    }

    @Test
    void aResponseWithoutAdvertisementsKeepsTheV1WireFormAndOneWithThemIsNotSignedOverThem() {
        var receipt = Receipt.issue(BOB, ALICE.nodeId(), Optional.empty(), TS);
        var info = Fixtures.privateInfo(BOB);
        var plain = HandshakeResponse.sign(
                BOB, info, new HandshakeMetrics(2, 1), List.of(), List.of(), 2, receipt, Fixtures.NONCE, TS);
        var ad = alice(List.of(), TS);
        var with = HandshakeResponse.sign(
                BOB,
                info,
                new HandshakeMetrics(2, 1),
                List.of(),
                List.of(),
                2,
                receipt,
                List.of(ad),
                Fixtures.NONCE,
                TS);

        assertThat(plain.toJson().has("advertisements")).isFalse();
        assertThat(with.signature()).isEqualTo(plain.signature());
        var parsed = HandshakeResponse.fromJson(with.toJson());
        assertThat(parsed.advertisements()).containsExactly(ad);
        assertThatThrownBy(() ->
                        HandshakeResponse.fromJson(plain.toJson().with("advertisements", new JsonArray(List.of()))))
                .isInstanceOfSatisfying(
                        HandshakeRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectionReason.MALFORMED));
    }
}
