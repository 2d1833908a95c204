package dev.cairn.adapters.http.overlay;

import static dev.cairn.adapters.http.overlay.OverlayFixtures.ALICE;
import static dev.cairn.adapters.http.overlay.OverlayFixtures.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.canonical.JsonArray;
import dev.cairn.core.canonical.JsonInteger;
import dev.cairn.core.canonical.JsonObject;
import dev.cairn.core.canonical.JsonString;
import dev.cairn.core.dht.MetricKey;
import dev.cairn.core.hash.Digest256;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.id.NodeIdentity;
import dev.cairn.core.id.SignedJson;
import dev.cairn.core.ipfs.Cid;
import dev.cairn.core.metrics.MetricMessage;
import dev.cairn.core.port.ManualClock;
import dev.cairn.core.replication.ReplicationMessage;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Checks docs/test-vectors/overlay.json: this code builds every envelope byte for byte from the inputs, the JDK's own
 * Ed25519 (not the Bouncy Castle one core signs with) accepts each signature, and the receiver accepts each envelope.
 */
class OverlayVectorsTest {
    private static final HexFormat HEX = HexFormat.of();
    /** DER prefix of an X.509 SubjectPublicKeyInfo for an Ed25519 key (RFC 8410); the raw 32 bytes follow. */
    private static final String ED25519_SPKI_PREFIX = "302a300506032b6570032100";

    /** The CID of the DHT vectors' blob (dht.json, "content meta with an IPFS CID"). */
    private static final String ANNOUNCED_CID = "bafkreicxt4etovhne2lerijjwbbbgkahwnwtio4fzs7oeaiazus2lmlewa";

    private final JsonObject vectors = OverlayFixtures.vectorFile("overlay.json");

    @Test
    void theAnnouncedCidIsTheOneTheDhtVectorsRecord() {
        var dht = OverlayFixtures.vectorFile("dht.json");
        var withCid = (JsonObject) dht.require("records", JsonArray.class).get(2);

        assertThat(text(withCid, "ipfs_cid")).isEqualTo(ANNOUNCED_CID);
    }

    @Test
    void theKeysAreTheRfc8032TestKeys() {
        assertThat(identity("alice").publicKey()).isEqualTo(ALICE.publicKey());
        assertThat(identity("bob").publicKey()).isEqualTo(BOB.publicKey());
        assertThat(text(vectors.require("alice", JsonObject.class), "node_id"))
                .isEqualTo(ALICE.nodeId().hex());
        assertThat(text(vectors.require("bob", JsonObject.class), "node_id"))
                .isEqualTo(BOB.nodeId().hex());
    }

    @Test
    void theAcknowledgedDigestIsThatOfTheMetricWindowsValue() {
        var value = dev.cairn.core.dht.RecordValueCodec.standard()
                .encode(OverlayFixtures.metricRecord().value());

        assertThat(Digest256.blake3(value).hex()).isEqualTo(text(vectors, "metric_value_digest"));
    }

    @Test
    void everyEnvelopeIsReproducedByteForByte() {
        List<OverlayMessage> messages = expectedMessages();
        List<JsonObject> envelopes = envelopes();
        assertThat(envelopes).hasSameSizeAs(messages);
        for (int i = 0; i < messages.size(); i++) {
            JsonObject v = envelopes.get(i);
            var envelope = OverlayEnvelope.sign(
                    ALICE,
                    BOB.nodeId(),
                    text(vectors, "nonce"),
                    vectors.require("ts", JsonInteger.class).value(),
                    messages.get(i));

            assertThat(new String(envelope.toBytes(), StandardCharsets.UTF_8))
                    .as(text(v, "name"))
                    .isEqualTo(text(v, "canonical_text"));
            assertThat(envelope.signature()).isEqualTo(text(v, "signature_hex"));
            assertThat(HEX.formatHex(SignedJson.signingInput(OverlayEnvelope.KIND, envelope.toJson())))
                    .isEqualTo(text(v, "signing_input_hex"));
        }
    }

    @Test
    void anIndependentEd25519AcceptsEverySignature() throws Exception {
        var key = KeyFactory.getInstance("Ed25519")
                .generatePublic(new X509EncodedKeySpec(
                        HEX.parseHex(ED25519_SPKI_PREFIX + ALICE.publicKey().hex())));
        for (JsonObject v : envelopes()) {
            var verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(HEX.parseHex(text(v, "signing_input_hex")));

            assertThat(verifier.verify(HEX.parseHex(text(v, "signature_hex"))))
                    .as(text(v, "name"))
                    .isTrue();
            assertThat(text(v, "signing_input_hex"))
                    .startsWith(HEX.formatHex("cairn-sig-v1:overlay-message\n".getBytes(StandardCharsets.US_ASCII)));
        }
    }

    @Test
    void bobAcceptsEveryEnvelopeFromAliceAtItsTime() {
        var clock = new ManualClock(
                vectors.require("verify_at_ms", JsonInteger.class).value());
        var bob = new OverlayVerifier(BOB.nodeId(), clock, id -> true, OverlayVerifier.Settings.DEFAULT);
        List<OverlayMessage> messages = expectedMessages();
        List<JsonObject> envelopes = envelopes();
        for (int i = 0; i < envelopes.size(); i++) {
            var received = bob.verify(text(envelopes.get(i), "canonical_text").getBytes(StandardCharsets.UTF_8));

            assertThat(received.from()).isEqualTo(ALICE.nodeId());
            assertThat(received.message()).isEqualTo(messages.get(i));
            // The same nonce in every vector: a real sender draws a fresh one; here each is checked by a fresh Bob.
            bob = new OverlayVerifier(BOB.nodeId(), clock, id -> true, OverlayVerifier.Settings.DEFAULT);
        }
    }

    private List<OverlayMessage> expectedMessages() {
        var content = ContentId.fromHex(text(vectors, "content_id"));
        var metric = OverlayFixtures.metricRecord();
        return List.of(
                OverlayMessage.of(new ReplicationMessage.HolderHeartbeat(content)),
                OverlayMessage.of(new ReplicationMessage.LeaseAccepted(content)),
                OverlayMessage.of(new ReplicationMessage.LeaderHeartbeat(OverlayFixtures.metaRecord())),
                OverlayMessage.of(new MetricMessage.Ack(
                        (MetricKey) metric.key(), Digest256.fromHex(text(vectors, "metric_value_digest")))),
                OverlayMessage.of(new ReplicationMessage.Announce(content)),
                OverlayMessage.of(new ReplicationMessage.Announce(content, Optional.of(new Cid(ANNOUNCED_CID)))));
    }

    private List<JsonObject> envelopes() {
        return vectors.require("envelopes", JsonArray.class).elements().stream()
                .map(JsonObject.class::cast)
                .toList();
    }

    private NodeIdentity identity(String who) {
        return OverlayFixtures.identity(text(vectors.require(who, JsonObject.class), "seed_hex"));
    }

    private static String text(JsonObject object, String key) {
        return object.require(key, JsonString.class).value();
    }
}
