package dev.cairn.core.membership;

import static dev.cairn.core.membership.Fixtures.ALICE;
import static dev.cairn.core.membership.Fixtures.BOB;
import static dev.cairn.core.membership.Fixtures.NONCE;
import static dev.cairn.core.membership.Fixtures.TS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.canonical.CanonicalJson;
import dev.cairn.core.canonical.JsonArray;
import dev.cairn.core.canonical.JsonObject;
import dev.cairn.core.canonical.JsonParser;
import dev.cairn.core.canonical.JsonString;
import dev.cairn.core.canonical.JsonValue;
import dev.cairn.core.id.NodeIdentity;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WireFormatTest {
    private static JsonObject reparse(JsonObject json) {
        return (JsonObject) JsonParser.parse(CanonicalJson.encode(json));
    }

    private final Receipt receipt = Receipt.issue(BOB, ALICE.nodeId(), Optional.of(new Asn(64500)), TS);
    private final HandshakeRequest request = Fixtures.request(ALICE, List.of(receipt), NONCE, TS);
    private final HandshakeResponse response = HandshakeResponse.sign(
            BOB,
            Fixtures.info(BOB, "https://bob.example"),
            new HandshakeMetrics(2, 1),
            List.of(),
            List.of(Fixtures.info(ALICE, "https://alice.example")),
            2,
            Receipt.issue(BOB, ALICE.nodeId(), Optional.empty(), TS),
            NONCE,
            TS);

    @Test
    void aReceiptSurvivesItsWireForm() {
        assertThat(Receipt.fromJson(reparse(receipt.toJson()))).isEqualTo(receipt);
    }

    @Test
    void aHandshakeSurvivesItsWireForm() {
        assertThat(HandshakeRequest.fromJson(reparse(request.toJson()))).isEqualTo(request);
    }

    @Test
    void aPrivateNodesHandshakeWithoutHostOrIpfsSurvivesItsWireForm() {
        var hidden = HandshakeRequest.sign(
                ALICE, Fixtures.privateInfo(ALICE), new HandshakeMetrics(1, 0), List.of(), NONCE, TS);
        assertThat(HandshakeRequest.fromJson(reparse(hidden.toJson()))).isEqualTo(hidden);
    }

    @Test
    void aHandshakeWithItsHeldAdvertisementsSurvivesItsWireFormAndABadFilterIsRefusedByName() {
        var withFilter = VectorMessages.HANDSHAKE_WITH_HELD;
        assertThat(HandshakeRequest.fromJson(reparse(withFilter.toJson()))).isEqualTo(withFilter);

        JsonObject bad = withFilter
                .toJson()
                .with(
                        "held_advertisements",
                        withFilter
                                .toJson()
                                .require("held_advertisements", JsonObject.class)
                                .with("hashes", new dev.cairn.core.canonical.JsonInteger(40)));
        assertMalformed(() -> HandshakeRequest.fromJson(bad), "handshake.held_advertisements.hashes");
        assertMalformed(
                () -> HandshakeRequest.fromJson(withFilter.toJson().with("held_advertisements", new JsonString("x"))),
                "held_advertisements");
    }

    @Test
    void aResponseSurvivesItsWireForm() {
        assertThat(HandshakeResponse.fromJson(reparse(response.toJson()))).isEqualTo(response);
    }

    @Test
    void unknownMembersAreRefusedAtEveryLevel() {
        assertMalformed(() -> HandshakeRequest.fromJson(request.toJson().with("extra", new JsonString("x"))), "extra");
        JsonObject node = request.toJson().require("node", JsonObject.class).with("colour", new JsonString("red"));
        assertMalformed(() -> HandshakeRequest.fromJson(request.toJson().with("node", node)), "colour");
        assertMalformed(() -> Receipt.fromJson(receipt.toJson().with("note", new JsonString("x"))), "note");
    }

    @Test
    void missingMembersAreRefused() {
        assertMalformed(() -> HandshakeRequest.fromJson(request.toJson().without("nonce")), "nonce");
        assertMalformed(() -> HandshakeResponse.fromJson(response.toJson().without("receipt")), "receipt");
    }

    @Test
    void moreReceiptsThanTheProtocolAllowsAreRefused() {
        var many = new ArrayList<JsonValue>();
        for (int i = 0; i < 33; i++) {
            var issuer = NodeIdentity.fromSeed(HexFormat.of().parseHex(String.format("%064x", i + 10)));
            many.add(Receipt.issue(issuer, ALICE.nodeId(), Optional.empty(), TS).toJson());
        }
        assertMalformed(
                () -> HandshakeRequest.fromJson(request.toJson().with("receipts", new JsonArray(many))), "33 elements");
    }

    @Test
    void twoReceiptsFromOneIssuerAreRefused() {
        var twice = new JsonArray(List.of(receipt.toJson(), receipt.toJson()));
        assertMalformed(() -> HandshakeRequest.fromJson(request.toJson().with("receipts", twice)), "one per issuer");
    }

    @Test
    void aBadNonceOrAnOverlongStringIsRefused() {
        assertMalformed(
                () -> HandshakeRequest.fromJson(request.toJson().with("nonce", new JsonString("ABC"))), "'ABC'");
        JsonObject node = request.toJson()
                .require("node", JsonObject.class)
                .with("software_version", new JsonString("x".repeat(257)));
        assertMalformed(() -> HandshakeRequest.fromJson(request.toJson().with("node", node)), "257 characters");
    }

    @Test
    void aPublicNodeWithoutHostIsRefused() {
        JsonObject node = request.toJson()
                .require("node", JsonObject.class)
                .with("public_host", dev.cairn.core.canonical.JsonNull.INSTANCE);
        assertMalformed(() -> HandshakeRequest.fromJson(request.toJson().with("node", node)), "public host");
    }

    @Test
    void capabilitiesOutOfOrderAreRefused() {
        JsonObject node = request.toJson()
                .require("node", JsonObject.class)
                .with("capabilities", new JsonArray(List.of(new JsonString("b"), new JsonString("a"))));
        assertMalformed(() -> HandshakeRequest.fromJson(request.toJson().with("node", node)), "ascending");
    }

    private static void assertMalformed(Runnable parse, String mentioning) {
        assertThatThrownBy(parse::run)
                .isInstanceOfSatisfying(
                        HandshakeRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectionReason.MALFORMED))
                .hasMessageContaining(mentioning);
    }
}
