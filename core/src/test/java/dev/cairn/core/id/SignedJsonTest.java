package dev.cairn.core.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.canonical.CanonicalJson;
import dev.cairn.core.canonical.JsonObject;
import dev.cairn.core.canonical.JsonParser;
import dev.cairn.core.canonical.JsonString;
import dev.cairn.core.canonical.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SignedJsonTest {
    private static final SignatureKind RECEIPT = new SignatureKind("receipt");
    private static final SignatureKind HANDSHAKE = new SignatureKind("handshake");

    private final NodeIdentity issuer = NodeIdentity.fromSeed(HexFormat.of().parseHex("01".repeat(32)));
    private final NodeIdentity stranger = NodeIdentity.fromSeed(HexFormat.of().parseHex("02".repeat(32)));
    private final JsonObject receipt = JsonObject.builder()
            .put("issuer", issuer.nodeId().hex())
            .put("target", stranger.nodeId().hex())
            .put("asn", 64500)
            .put("timestamp", 1_735_689_600_000L)
            .build();

    @Test
    void aSignedStructureVerifiesWithTheSignersKey() {
        JsonObject signed = SignedJson.sign(issuer, RECEIPT, receipt);

        assertThat(signed.without(SignedJson.SIGNATURE_FIELD)).isEqualTo(receipt);
        assertThat(signed.require("signature", JsonString.class).value()).matches("[0-9a-f]{128}");
        assertThatCode(() -> SignedJson.verify(RECEIPT, signed, issuer.publicKey(), issuer.nodeId()))
                .doesNotThrowAnyException();
    }

    @Test
    void theSigningInputIsThePrefixThenTheCanonicalJsonWithoutTheSignature() {
        JsonObject signed = SignedJson.sign(issuer, RECEIPT, receipt);
        String expected = "cairn-sig-v1:receipt\n" + CanonicalJson.encodeToString(receipt);

        assertThat(SignedJson.signingInput(RECEIPT, signed)).isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
        assertThat(SignedJson.signingInput(RECEIPT, receipt)).isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void verifiesAfterTheStructureTravelsAsDifferentlyOrderedAndSpacedJson() {
        JsonObject signed = SignedJson.sign(issuer, RECEIPT, receipt);
        String received = "{ \"timestamp\": 1735689600000, \"signature\": \""
                + signed.require("signature", JsonString.class).value() + "\",\n \"target\": \""
                + stranger.nodeId().hex() + "\", \"asn\": 64500, \"issuer\" : \""
                + issuer.nodeId().hex() + "\" }";

        var parsed = (JsonObject) JsonParser.parse(received);

        assertThatCode(() -> SignedJson.verify(RECEIPT, parsed, issuer.publicKey()))
                .doesNotThrowAnyException();
    }

    @Test
    void aChangedFieldIsRejected() {
        JsonObject signed = SignedJson.sign(issuer, RECEIPT, receipt);
        JsonObject tampered = signed.with("asn", JsonValue.of(64501));

        assertThatThrownBy(() -> SignedJson.verify(RECEIPT, tampered, issuer.publicKey()))
                .isInstanceOf(InvalidSignatureException.class)
                .hasMessage("invalid receipt signature: does not verify with public key " + issuer.publicKey());
    }

    @Test
    void anAddedOrRemovedFieldIsRejected() {
        JsonObject signed = SignedJson.sign(issuer, RECEIPT, receipt);

        assertThatThrownBy(
                        () -> SignedJson.verify(RECEIPT, signed.with("extra", JsonValue.of(true)), issuer.publicKey()))
                .isInstanceOf(InvalidSignatureException.class);
        assertThatThrownBy(() -> SignedJson.verify(RECEIPT, signed.without("asn"), issuer.publicKey()))
                .isInstanceOf(InvalidSignatureException.class);
    }

    @Test
    void anotherKeyIsRejected() {
        JsonObject signed = SignedJson.sign(issuer, RECEIPT, receipt);

        assertThatThrownBy(() -> SignedJson.verify(RECEIPT, signed, stranger.publicKey()))
                .isInstanceOf(InvalidSignatureException.class)
                .hasMessageContaining("does not verify");
    }

    @Test
    void aKeyThatIsNotTheClaimedNodesIsRejectedEvenWithAValidSignature() {
        JsonObject signedByStranger = SignedJson.sign(stranger, RECEIPT, receipt);

        assertThatThrownBy(() -> SignedJson.verify(RECEIPT, signedByStranger, stranger.publicKey(), issuer.nodeId()))
                .isInstanceOf(InvalidSignatureException.class)
                .hasMessage("invalid receipt signature: public key " + stranger.publicKey() + " belongs to NodeId "
                        + stranger.nodeId() + ", not the claimed " + issuer.nodeId());
    }

    @Test
    void aSignatureForOneKindDoesNotVerifyAsAnother() {
        JsonObject signed = SignedJson.sign(issuer, RECEIPT, receipt);

        assertThatThrownBy(() -> SignedJson.verify(HANDSHAKE, signed, issuer.publicKey()))
                .isInstanceOf(InvalidSignatureException.class)
                .satisfies(
                        e -> assertThat(((InvalidSignatureException) e).kind()).isEqualTo(HANDSHAKE));
    }

    @Test
    void aMissingOrMalformedSignatureIsRejectedSayingSo() {
        assertThatThrownBy(() -> SignedJson.verify(RECEIPT, receipt, issuer.publicKey()))
                .hasMessage("invalid receipt signature: no \"signature\" member");
        assertThatThrownBy(() ->
                        SignedJson.verify(RECEIPT, receipt.with("signature", JsonValue.of(7)), issuer.publicKey()))
                .hasMessage(
                        "invalid receipt signature: \"signature\" must be 128 lowercase hex characters, got integer");
        String upper = "AB".repeat(64);
        assertThatThrownBy(() ->
                        SignedJson.verify(RECEIPT, receipt.with("signature", JsonValue.of(upper)), issuer.publicKey()))
                .hasMessageContaining("got '" + upper + "' (128 characters)");
        assertThatThrownBy(() ->
                        SignedJson.verify(RECEIPT, receipt.with("signature", JsonValue.of("00")), issuer.publicKey()))
                .hasMessageContaining("(2 characters)");
    }

    @Test
    void theUnsignedMembersAndTheSignatureApartVerifyExactlyAsTheSignedObject() {
        JsonObject signed = SignedJson.sign(issuer, RECEIPT, receipt);
        String signature = signed.require("signature", JsonString.class).value();
        SignatureVerifier direct = SignatureVerifier.direct();

        assertThatCode(() -> SignedJson.verify(RECEIPT, receipt, signature, issuer.publicKey(), direct))
                .doesNotThrowAnyException();
        for (String other : new String[] {"AB".repeat(64), "00", signature.replace('0', '1'), ""}) {
            assertThatThrownBy(() -> SignedJson.verify(RECEIPT, receipt, other, issuer.publicKey(), direct))
                    .isInstanceOf(InvalidSignatureException.class)
                    .hasMessage(messageOf(() -> SignedJson.verify(
                            RECEIPT, receipt.with("signature", JsonValue.of(other)), issuer.publicKey(), direct)));
        }
        assertThatThrownBy(() -> SignedJson.verify(HANDSHAKE, receipt, signature, issuer.publicKey(), direct))
                .hasMessageContaining("does not verify");
        assertThatThrownBy(() -> SignedJson.verify(RECEIPT, receipt, signature, stranger.publicKey(), direct))
                .hasMessageContaining("does not verify");
        assertThatThrownBy(() -> SignedJson.verify(
                        RECEIPT, receipt.with("asn", JsonValue.of(64501)), signature, issuer.publicKey(), direct))
                .hasMessageContaining("does not verify");
    }

    private static String messageOf(Runnable failing) {
        try {
            failing.run();
        } catch (InvalidSignatureException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected an InvalidSignatureException");
    }

    @Test
    void signingAStructureThatAlreadyHasASignatureIsRefused() {
        JsonObject signed = SignedJson.sign(issuer, RECEIPT, receipt);

        assertThatThrownBy(() -> SignedJson.sign(issuer, RECEIPT, signed))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already has a \"signature\" member");
    }

    @Test
    void kindsAreShortLowercaseNames() {
        assertThat(new SignatureKind("dht-record").name()).isEqualTo("dht-record");
        assertThatThrownBy(() -> new SignatureKind("Receipt")).hasMessageContaining("got 'Receipt'");
        assertThatThrownBy(() -> new SignatureKind("a\nb")).hasMessageContaining("[a-z0-9-]");
        assertThatThrownBy(() -> new SignatureKind("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SignatureKind("x".repeat(33))).isInstanceOf(IllegalArgumentException.class);
    }
}
