package dev.cairn.core.membership;

import static dev.cairn.core.membership.Fixtures.ALICE;
import static dev.cairn.core.membership.Fixtures.BOB;
import static dev.cairn.core.membership.Fixtures.NONCE;
import static dev.cairn.core.membership.Fixtures.TS;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.canonical.CanonicalJson;
import dev.cairn.core.canonical.JsonObject;
import dev.cairn.core.canonical.JsonParser;
import dev.cairn.core.canonical.JsonString;
import dev.cairn.core.id.NodeIdentity;
import dev.cairn.core.id.SignatureMemo;
import dev.cairn.core.id.SignatureVerifier;
import dev.cairn.core.port.ManualClock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HandshakeVerifierTest {
    private static final NodeIdentity CAROL =
            NodeIdentity.fromSeed(HexFormat.of().parseHex("03".repeat(32)));
    private final ManualClock clock = new ManualClock(TS);
    private final HandshakeVerifier bob = new HandshakeVerifier(MembershipConfig.DEFAULTS, clock, BOB.nodeId());

    private static Receipt receiptFor(NodeIdentity issuer, NodeIdentity target, long ts) {
        return Receipt.issue(issuer, target.nodeId(), Optional.of(new Asn(64500)), ts);
    }

    private static void rejects(Runnable action, RejectionReason reason, String mentioning) {
        assertThatThrownBy(action::run)
                .isInstanceOfSatisfying(
                        HandshakeRejectedException.class,
                        e -> org.assertj.core.api.Assertions.assertThat(e.reason())
                                .isEqualTo(reason))
                .hasMessageContaining(mentioning);
    }

    @Test
    void aFreshSignedHandshakeWithValidReceiptsIsAccepted() {
        var request = Fixtures.request(ALICE, List.of(receiptFor(CAROL, ALICE, TS - 1000)), NONCE, TS);

        assertThatCode(() -> bob.verify(request)).doesNotThrowAnyException();
    }

    @Test
    void anotherSchemaVersionIsRefusedByName() {
        JsonObject json =
                Fixtures.request(ALICE, List.of(), NONCE, TS).toJson().with("schema_version", new JsonString("v2"));

        rejects(() -> HandshakeRequest.fromJson(json), RejectionReason.UNSUPPORTED_SCHEMA_VERSION, "'v2'");
    }

    @Test
    void aTimestampBeyondTheSkewIsRefusedEitherWay() {
        rejects(
                () -> bob.verify(Fixtures.request(ALICE, List.of(), NONCE, TS - 120_001)),
                RejectionReason.TIMESTAMP_OUT_OF_WINDOW,
                "-120001 ms");
        rejects(
                () -> bob.verify(Fixtures.request(ALICE, List.of(), NONCE, TS + 120_001)),
                RejectionReason.TIMESTAMP_OUT_OF_WINDOW,
                "120001 ms");
        assertThatCode(() -> bob.verify(Fixtures.request(ALICE, List.of(), NONCE, TS + 120_000)))
                .doesNotThrowAnyException();
    }

    @Test
    void aNonceIsAcceptedOnceWithinTheWindowAndForgottenAfterIt() {
        var request = Fixtures.request(ALICE, List.of(), NONCE, TS);
        bob.verify(request);

        rejects(() -> bob.verify(request), RejectionReason.NONCE_REPLAYED, NONCE);
        clock.advance(Duration.ofSeconds(121));
        rejects(() -> bob.verify(request), RejectionReason.TIMESTAMP_OUT_OF_WINDOW, "ts");
        assertThatCode(() -> bob.verify(Fixtures.request(ALICE, List.of(), NONCE, TS + 121_000)))
                .doesNotThrowAnyException();
    }

    @Test
    void theSameNonceFromAnotherNodeIsNoReplay() {
        bob.verify(Fixtures.request(ALICE, List.of(), NONCE, TS));

        assertThatCode(() -> bob.verify(Fixtures.request(CAROL, List.of(), NONCE, TS)))
                .doesNotThrowAnyException();
    }

    @Test
    void aNodeIdThatIsNotTheHashOfThePublicKeyIsRefused() {
        var good = Fixtures.info(ALICE, "https://alice.example");
        var lying = new NodeInfo(
                CAROL.nodeId(),
                good.publicKey(),
                good.publicHost(),
                good.privacy(),
                good.capabilities(),
                good.softwareVersion(),
                good.ipfs());
        var request = HandshakeRequest.sign(ALICE, lying, new HandshakeMetrics(1, 0), List.of(), NONCE, TS);

        rejects(
                () -> bob.verify(request),
                RejectionReason.NODE_ID_MISMATCH,
                CAROL.nodeId().hex());
    }

    @Test
    void aTamperedHandshakeFailsItsSignature() {
        var signed = Fixtures.request(ALICE, List.of(), NONCE, TS);
        var tampered = new HandshakeRequest(
                signed.node(),
                new HandshakeMetrics(100_000, 1),
                signed.receipts(),
                signed.nonce(),
                signed.ts(),
                signed.signature());

        rejects(
                () -> bob.verify(tampered),
                RejectionReason.BAD_SIGNATURE,
                ALICE.nodeId().hex());
    }

    @Test
    void aHandshakeFromThisNodesOwnIdIsRefused() {
        rejects(
                () -> bob.verify(Fixtures.request(BOB, List.of(), NONCE, TS)),
                RejectionReason.SELF_HANDSHAKE,
                BOB.nodeId().hex());
    }

    @Test
    void aReceiptWithATamperedFieldFailsItsOwnSignature() {
        var genuine = receiptFor(CAROL, ALICE, TS);
        var forged = new Receipt(
                genuine.issuer(),
                genuine.issuerKey(),
                genuine.target(),
                Optional.of(new Asn(1)),
                genuine.timestampMillis(),
                genuine.signature());

        rejects(
                () -> bob.verify(Fixtures.request(ALICE, List.of(forged), NONCE, TS)),
                RejectionReason.RECEIPT_BAD_SIGNATURE,
                CAROL.nodeId().hex());
    }

    @Test
    void aSharedMemoThatHoldsTheGenuineReceiptStillRefusesItsForgery() {
        var memo = new SignatureMemo(SignatureVerifier.direct(), 64);
        var dave = new HandshakeVerifier(MembershipConfig.DEFAULTS, clock, CAROL.nodeId(), memo);
        var shared = new HandshakeVerifier(MembershipConfig.DEFAULTS, clock, BOB.nodeId(), memo);
        var genuine = receiptFor(BOB, ALICE, TS);
        assertThatCode(() -> dave.verify(Fixtures.request(ALICE, List.of(genuine), NONCE, TS)))
                .doesNotThrowAnyException();
        var forged = new Receipt(
                genuine.issuer(),
                genuine.issuerKey(),
                genuine.target(),
                Optional.of(new Asn(1)),
                genuine.timestampMillis(),
                genuine.signature());

        rejects(
                () -> shared.verify(Fixtures.request(ALICE, List.of(forged), "ff".repeat(16), TS)),
                RejectionReason.RECEIPT_BAD_SIGNATURE,
                BOB.nodeId().hex());
        long hitsBefore = memo.hits();
        assertThatCode(() -> shared.verify(Fixtures.request(ALICE, List.of(genuine), "ee".repeat(16), TS)))
                .doesNotThrowAnyException();
        org.assertj.core.api.Assertions.assertThat(memo.hits()).isEqualTo(hitsBefore + 1);
    }

    @Test
    void anIssuerKeyDecodedBeforeNeverLetsAForgedReceiptThrough() {
        // Wire decodes each issuer key once (PublicKeyCache); a remembered key must not stand in for a signature check.
        var genuine = receiptFor(CAROL, ALICE, TS);
        assertThatCode(() -> bob.verify(overTheWire(Fixtures.request(ALICE, List.of(genuine), NONCE, TS))))
                .doesNotThrowAnyException();
        String signature = genuine.signature();
        String flipped = (signature.charAt(0) == '0' ? "1" : "0") + signature.substring(1);
        var forged = Receipt.fromJson(genuine.toJson().with("signature", new JsonString(flipped)));
        var misattributed = Receipt.fromJson(genuine.toJson()
                .with("issuer_key", new JsonString(BOB.publicKey().hex())));

        rejects(
                () -> bob.verify(overTheWire(Fixtures.request(ALICE, List.of(forged), "aa".repeat(16), TS))),
                RejectionReason.RECEIPT_BAD_SIGNATURE,
                CAROL.nodeId().hex());
        rejects(
                () -> bob.verify(overTheWire(Fixtures.request(ALICE, List.of(misattributed), "bb".repeat(16), TS))),
                RejectionReason.RECEIPT_ISSUER_MISMATCH,
                CAROL.nodeId().hex());
    }

    private static HandshakeRequest overTheWire(HandshakeRequest request) {
        return HandshakeRequest.fromJson((JsonObject) JsonParser.parse(CanonicalJson.encode(request.toJson())));
    }

    @Test
    void aReceiptWhoseIssuerIsNotItsKeysHashIsRefused() {
        var genuine = receiptFor(CAROL, ALICE, TS);
        var misattributed = new Receipt(
                BOB.nodeId(),
                genuine.issuerKey(),
                genuine.target(),
                genuine.asn(),
                genuine.timestampMillis(),
                genuine.signature());

        rejects(
                () -> bob.verify(Fixtures.request(ALICE, List.of(misattributed), NONCE, TS)),
                RejectionReason.RECEIPT_ISSUER_MISMATCH,
                BOB.nodeId().hex());
    }

    @Test
    void aReceiptOlderThanTheMembershipTtlIsExpired() {
        var old = receiptFor(CAROL, ALICE, TS - 600_001);

        rejects(
                () -> bob.verify(Fixtures.request(ALICE, List.of(old), NONCE, TS)),
                RejectionReason.RECEIPT_EXPIRED,
                String.valueOf(TS - 600_001));
        assertThatCode(() ->
                        bob.verify(Fixtures.request(ALICE, List.of(receiptFor(CAROL, ALICE, TS - 600_000)), NONCE, TS)))
                .doesNotThrowAnyException();
    }

    @Test
    void aReceiptDatedBeyondTheSkewIsFromTheFuture() {
        var early = receiptFor(CAROL, ALICE, TS + 120_001);

        rejects(
                () -> bob.verify(Fixtures.request(ALICE, List.of(early), NONCE, TS)),
                RejectionReason.RECEIPT_FROM_FUTURE,
                String.valueOf(TS + 120_001));
    }

    @Test
    void aReceiptForSomeoneElseCannotBePresented() {
        var forCarol = receiptFor(BOB, CAROL, TS);

        rejects(
                () -> bob.verify(Fixtures.request(ALICE, List.of(forCarol), NONCE, TS)),
                RejectionReason.RECEIPT_WRONG_TARGET,
                CAROL.nodeId().hex());
    }

    @Test
    void aRejectedHandshakeTakesNoReplayCacheSlot() {
        var bad = receiptFor(CAROL, ALICE, TS - 700_000);
        rejects(
                () -> bob.verify(Fixtures.request(ALICE, List.of(bad), NONCE, TS)),
                RejectionReason.RECEIPT_EXPIRED,
                "older");

        org.assertj.core.api.Assertions.assertThat(bob.replayCacheSize()).isZero();
        assertThatCode(() -> bob.verify(Fixtures.request(ALICE, List.of(), NONCE, TS)))
                .doesNotThrowAnyException();
    }

    @Test
    void aResponseWhoseReceiptIsIssuedBySomeoneElseIsRefused() {
        var carolsReceipt = Receipt.issue(CAROL, ALICE.nodeId(), Optional.empty(), TS);
        var response = HandshakeResponse.sign(
                BOB,
                Fixtures.info(BOB, "https://bob.example"),
                new HandshakeMetrics(2, 1),
                List.of(),
                List.of(),
                2,
                carolsReceipt,
                NONCE,
                TS);
        var alice = new HandshakeVerifier(MembershipConfig.DEFAULTS, clock, ALICE.nodeId());

        rejects(
                () -> alice.verify(response),
                RejectionReason.RECEIPT_WRONG_ISSUER,
                CAROL.nodeId().hex());
    }

    @Test
    void aResponseWhoseReceiptTargetsAnotherCallerIsRefused() {
        var forCarol = Receipt.issue(BOB, CAROL.nodeId(), Optional.empty(), TS);
        var response = HandshakeResponse.sign(
                BOB,
                Fixtures.info(BOB, "https://bob.example"),
                new HandshakeMetrics(2, 1),
                List.of(),
                List.of(),
                2,
                forCarol,
                NONCE,
                TS);
        var alice = new HandshakeVerifier(MembershipConfig.DEFAULTS, clock, ALICE.nodeId());

        rejects(
                () -> alice.verify(response),
                RejectionReason.RECEIPT_WRONG_TARGET,
                CAROL.nodeId().hex());
    }
}
