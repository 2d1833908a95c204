package dev.cairn.core.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.cairn.core.canonical.CanonicalJson;
import dev.cairn.core.canonical.JsonArray;
import dev.cairn.core.canonical.JsonInteger;
import dev.cairn.core.canonical.JsonObject;
import dev.cairn.core.canonical.JsonParser;
import dev.cairn.core.canonical.JsonString;
import dev.cairn.core.id.NodeId;
import dev.cairn.core.id.SignedJson;
import dev.cairn.core.port.ManualClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Checks docs/test-vectors/membership.json: this code reproduces every text byte for byte and accepts it. */
class MembershipVectorsTest {
    private static JsonObject vectors;

    @BeforeAll
    static void readVectors() throws IOException {
        Path file = null;
        for (Path dir = Path.of("").toAbsolutePath(); dir != null && file == null; dir = dir.getParent()) {
            Path candidate = dir.resolve("docs/test-vectors/membership.json");
            file = Files.isRegularFile(candidate) ? candidate : null;
        }
        assertThat(file)
                .as("docs/test-vectors/membership.json above the working directory")
                .isNotNull();
        vectors = (JsonObject) JsonParser.parse(Files.readAllBytes(file));
    }

    private static String text(String vector, String key) {
        return vectors.require(vector, JsonObject.class)
                .require(key, JsonString.class)
                .value();
    }

    private static JsonObject parsed(String vector) {
        return (JsonObject) JsonParser.parse(text(vector, "canonical_text"));
    }

    private static ManualClock clockFor(String vector) {
        return new ManualClock(vectors.require(vector, JsonObject.class)
                .require("verify_at_ms", JsonInteger.class)
                .value());
    }

    @Test
    void theKeysAreTheRfc8032TestKeys() {
        assertThat(text("alice", "public_key_hex"))
                .isEqualTo(Fixtures.ALICE.publicKey().hex());
        assertThat(text("alice", "node_id")).isEqualTo(Fixtures.ALICE.nodeId().hex());
        assertThat(text("bob", "seed_hex")).isEqualTo(Fixtures.SEED_2);
        assertThat(text("bob", "public_key_hex"))
                .isEqualTo(Fixtures.BOB.publicKey().hex());
        assertThat(text("bob", "node_id")).isEqualTo(Fixtures.BOB.nodeId().hex());
    }

    @Test
    void theReceiptIsReproducedAndVerifies() {
        assertThat(CanonicalJson.encodeToString(VectorMessages.RECEIPT.toJson()))
                .isEqualTo(text("receipt", "canonical_text"));
        assertThat(HexFormat.of().formatHex(SignedJson.signingInput(Receipt.KIND, parsed("receipt"))))
                .isEqualTo(text("receipt", "signing_input_hex"));
        assertThat(VectorMessages.RECEIPT.signature()).isEqualTo(text("receipt", "signature_hex"));
        var verifier = new HandshakeVerifier(MembershipConfig.DEFAULTS, clockFor("receipt"), Fixtures.BOB.nodeId());
        assertThatCode(() -> verifier.verifyReceipt(
                        Receipt.fromJson(parsed("receipt")),
                        Fixtures.ALICE.nodeId(),
                        clockFor("receipt").millis()))
                .doesNotThrowAnyException();
    }

    @Test
    void theHandshakeIsReproducedAndAccepted() {
        assertThat(CanonicalJson.encodeToString(VectorMessages.HANDSHAKE.toJson()))
                .isEqualTo(text("handshake", "canonical_text"));
        assertThat(VectorMessages.HANDSHAKE.signature()).isEqualTo(text("handshake", "signature_hex"));
        var bob = new HandshakeVerifier(MembershipConfig.DEFAULTS, clockFor("handshake"), Fixtures.BOB.nodeId());
        assertThatCode(() -> bob.verify(HandshakeRequest.fromJson(parsed("handshake"))))
                .doesNotThrowAnyException();
    }

    @Test
    void theHeldAdvertisementsFilterIsReproducedAndTestsTheListedVersions() {
        JsonObject vector = vectors.require("held_advertisements", JsonObject.class);
        String nonce = text("held_advertisements", "nonce");
        assertThat(CanonicalJson.encodeToString(VectorMessages.HELD.toJson()))
                .isEqualTo(text("held_advertisements", "canonical_text"));
        var parsed = HeldAdvertisements.fromJson("filter", parsed("held_advertisements"));
        // The listed positions are exactly the bits set (one held version), so the vector is consistent in itself.
        byte[] bits = new byte[8];
        vector.require("bit_positions", JsonArray.class).elements().forEach(e -> {
            long j = ((JsonInteger) e).value();
            bits[(int) (j / 8)] |= (byte) (1 << (j % 8));
        });
        assertThat(parsed("held_advertisements")
                        .require("bits", JsonString.class)
                        .value())
                .isEqualTo(HexFormat.of().formatHex(bits));
        assertThat(tested(parsed, vector, "held", nonce)).containsOnly(true);
        assertThat(tested(parsed, vector, "not_held", nonce)).containsOnly(false);
    }

    /** What {@code filter} answers for each {@code {node_id, ts}} listed under {@code key}. */
    private static java.util.List<Boolean> tested(
            HeldAdvertisements filter, JsonObject vector, String key, String nonce) {
        return vector.require(key, JsonArray.class).elements().stream()
                .map(e -> (JsonObject) e)
                .map(v -> filter.mightHold(
                        NodeId.fromHex(v.require("node_id", JsonString.class).value()),
                        v.require("ts", JsonInteger.class).value(),
                        nonce))
                .toList();
    }

    @Test
    void theHandshakeWithAFilterIsReproducedAndAccepted() {
        assertThat(CanonicalJson.encodeToString(VectorMessages.HANDSHAKE_WITH_HELD.toJson()))
                .isEqualTo(text("handshake_with_held", "canonical_text"));
        assertThat(VectorMessages.HANDSHAKE_WITH_HELD.signature())
                .isEqualTo(text("handshake_with_held", "signature_hex"));
        var bob = new HandshakeVerifier(
                MembershipConfig.DEFAULTS, clockFor("handshake_with_held"), Fixtures.BOB.nodeId());
        var received = HandshakeRequest.fromJson(parsed("handshake_with_held"));
        assertThatCode(() -> bob.verify(received)).doesNotThrowAnyException();
        assertThat(received.heldAdvertisements()).contains(VectorMessages.HELD);
    }

    @Test
    void theResponseIsReproducedAndAccepted() {
        assertThat(CanonicalJson.encodeToString(VectorMessages.RESPONSE.toJson()))
                .isEqualTo(text("response", "canonical_text"));
        assertThat(VectorMessages.RESPONSE.signature()).isEqualTo(text("response", "signature_hex"));
        var alice = new HandshakeVerifier(MembershipConfig.DEFAULTS, clockFor("response"), Fixtures.ALICE.nodeId());
        assertThatCode(() -> alice.verify(HandshakeResponse.fromJson(parsed("response"))))
                .doesNotThrowAnyException();
    }

    @Test
    void theAdvertisementIsReproducedAndVerifies() {
        assertThat(CanonicalJson.encodeToString(VectorMessages.ADVERTISEMENT.toJson()))
                .isEqualTo(text("advertisement", "canonical_text"));
        assertThat(HexFormat.of().formatHex(SignedJson.signingInput(MemberAdvertisement.KIND, parsed("advertisement"))))
                .isEqualTo(text("advertisement", "signing_input_hex"));
        assertThat(VectorMessages.ADVERTISEMENT.signature()).isEqualTo(text("advertisement", "signature_hex"));
        var bob = new HandshakeVerifier(MembershipConfig.DEFAULTS, clockFor("advertisement"), Fixtures.BOB.nodeId());
        assertThatCode(() -> bob.verify(
                        MemberAdvertisement.fromJson(parsed("advertisement")),
                        clockFor("advertisement").millis()))
                .doesNotThrowAnyException();
    }
}
