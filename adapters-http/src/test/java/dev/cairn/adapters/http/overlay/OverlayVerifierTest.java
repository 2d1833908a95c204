package dev.cairn.adapters.http.overlay;

import static dev.cairn.adapters.http.overlay.OverlayFixtures.ALICE;
import static dev.cairn.adapters.http.overlay.OverlayFixtures.BOB;
import static dev.cairn.adapters.http.overlay.OverlayFixtures.CAROL;
import static dev.cairn.adapters.http.overlay.OverlayFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.adapters.http.overlay.OverlayRejection.Reason;
import dev.cairn.core.canonical.CanonicalJson;
import dev.cairn.core.canonical.JsonInteger;
import dev.cairn.core.canonical.JsonNull;
import dev.cairn.core.canonical.JsonObject;
import dev.cairn.core.canonical.JsonString;
import dev.cairn.core.canonical.JsonValue;
import dev.cairn.core.dht.MetaKey;
import dev.cairn.core.hash.Digest256;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.id.SignedJson;
import dev.cairn.core.ipfs.Cid;
import dev.cairn.core.metrics.MetricMessage;
import dev.cairn.core.port.ManualClock;
import dev.cairn.core.replication.ReplicationMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OverlayVerifierTest {
    private static final ContentId CONTENT = ContentId.ofBlob("overlay test content".getBytes(StandardCharsets.UTF_8));
    private static final String NONCE = "000102030405060708090a0b0c0d0e0f";
    private static final Cid CID = new Cid("bafkreicxt4etovhne2lerijjwbbbgkahwnwtio4fzs7oeaiazus2lmlewa");

    private final ManualClock clock = new ManualClock(T0);
    private final OverlayVerifier bob =
            new OverlayVerifier(BOB.nodeId(), clock, id -> true, OverlayVerifier.Settings.DEFAULT);

    static Stream<OverlayMessage> everyMessageType() {
        var meta = OverlayFixtures.metaRecord();
        var metric = OverlayFixtures.metricRecord();
        return Stream.of(
                OverlayMessage.of(new ReplicationMessage.HolderHeartbeat(CONTENT)),
                OverlayMessage.of(new ReplicationMessage.LeaseAccepted(CONTENT)),
                OverlayMessage.of(new ReplicationMessage.LeaderHeartbeat(meta)),
                OverlayMessage.of(new ReplicationMessage.MetaRecord(meta)),
                OverlayMessage.of(new ReplicationMessage.Announce(CONTENT)),
                OverlayMessage.of(new ReplicationMessage.Release(CONTENT)),
                OverlayMessage.of(new MetricMessage.Window(metric)),
                OverlayMessage.of(new MetricMessage.Ack(
                        (dev.cairn.core.dht.MetricKey) metric.key(), Digest256.blake3(new byte[] {1}))));
    }

    @ParameterizedTest
    @MethodSource("everyMessageType")
    void everyMessageTypeArrivesAsSentWithItsAuthenticatedSender(OverlayMessage message) {
        byte[] bytes =
                OverlayEnvelope.sign(ALICE, BOB.nodeId(), NONCE, T0, message).toBytes();

        var received = bob.verify(bytes);

        assertThat(received.from()).isEqualTo(ALICE.nodeId());
        assertThat(received.message()).isEqualTo(message);
    }

    @Test
    void anEnvelopeForAnotherNodeIsRefused() {
        byte[] toCarol = envelope(CAROL.nodeId().hex(), T0).toBytes();

        assertRefused(
                () -> bob.verify(toCarol),
                Reason.WRONG_RECIPIENT,
                CAROL.nodeId().hex());
    }

    @Test
    void anEnvelopeOlderOrNewerThanTheSkewIsRefused() {
        long skew = OverlayVerifier.Settings.DEFAULT.skewMillis();
        byte[] stale = envelope(BOB.nodeId().hex(), T0 - skew - 1).toBytes();
        byte[] future = envelope(BOB.nodeId().hex(), T0 + skew + 1).toBytes();
        byte[] edge = envelope(BOB.nodeId().hex(), T0 + skew).toBytes();

        assertRefused(() -> bob.verify(stale), Reason.TIMESTAMP_OUT_OF_WINDOW, String.valueOf(T0 - skew - 1));
        assertRefused(() -> bob.verify(future), Reason.TIMESTAMP_OUT_OF_WINDOW, String.valueOf(T0 + skew + 1));
        assertThat(bob.verify(edge).from()).isEqualTo(ALICE.nodeId());
    }

    @Test
    void aSenderIdThatIsNotTheHashOfTheKeyIsRefused() {
        JsonObject claimsCarol =
                unsigned().with("from", new JsonString(CAROL.nodeId().hex()));

        assertRefused(
                () -> bob.verify(signedByAlice(claimsCarol)),
                Reason.NODE_ID_MISMATCH,
                CAROL.nodeId().hex());
    }

    @Test
    void aTamperedEnvelopeFailsItsSignature() {
        JsonObject signed = envelope(BOB.nodeId().hex(), T0).toJson();
        JsonObject tampered =
                signed.with("message", OverlayCodec.encode(OverlayMessage.of(new ReplicationMessage.Release(CONTENT))));

        assertRefused(() -> bob.verify(CanonicalJson.encode(tampered)), Reason.BAD_SIGNATURE, "does not verify");
    }

    @Test
    void aSignatureByAnotherKeyIsRefused() {
        JsonObject byCarol = SignedJson.sign(CAROL, OverlayEnvelope.KIND, unsigned());

        assertRefused(
                () -> bob.verify(CanonicalJson.encode(byCarol)),
                Reason.BAD_SIGNATURE,
                ALICE.nodeId().hex());
    }

    @Test
    void aReplayedEnvelopeIsRefusedUntilItsTimestampExpires() {
        byte[] bytes = envelope(BOB.nodeId().hex(), T0).toBytes();
        bob.verify(bytes);

        assertRefused(() -> bob.verify(bytes), Reason.NONCE_REPLAYED, NONCE);
        clock.advance(Duration.ofMillis(OverlayVerifier.Settings.DEFAULT.skewMillis() + 1));
        assertRefused(() -> bob.verify(bytes), Reason.TIMESTAMP_OUT_OF_WINDOW, String.valueOf(T0));
        bob.verify(OverlayEnvelope.sign(
                        ALICE,
                        BOB.nodeId(),
                        "ffffffffffffffffffffffffffffffff",
                        clock.millis(),
                        OverlayMessage.of(new ReplicationMessage.Announce(CONTENT)))
                .toBytes());
        assertThat(bob.remembered())
                .as("the expired nonce is forgotten, the new one remembered")
                .isEqualTo(1);
    }

    @Test
    void aFullReplayCacheRefusesNewNoncesRatherThanForgettingOldOnes() {
        var small = new OverlayVerifier(BOB.nodeId(), clock, id -> true, new OverlayVerifier.Settings(4096, 1000, 1));
        small.verify(envelope(BOB.nodeId().hex(), T0).toBytes());
        byte[] second = OverlayEnvelope.sign(
                        ALICE,
                        BOB.nodeId(),
                        "ffffffffffffffffffffffffffffffff",
                        T0,
                        OverlayMessage.of(new ReplicationMessage.Announce(CONTENT)))
                .toBytes();

        assertRefused(() -> small.verify(second), Reason.REPLAY_CACHE_FULL, "ffffffffffffffffffffffffffffffff");
    }

    @Test
    void aSenderTheAppDoesNotAdmitIsRefusedBeforeAnyRecordIsChecked() {
        var membersOnly = new OverlayVerifier(
                BOB.nodeId(), clock, id -> id.equals(CAROL.nodeId()), OverlayVerifier.Settings.DEFAULT);

        assertRefused(
                () -> membersOnly.verify(envelope(BOB.nodeId().hex(), T0).toBytes()),
                Reason.UNKNOWN_SENDER,
                ALICE.nodeId().hex());
    }

    @Test
    void anotherSchemaVersionIsRefusedByName() {
        JsonObject v2 = unsigned().with("schema_version", new JsonString("v2"));

        assertRefused(() -> bob.verify(signedByAlice(v2)), Reason.UNSUPPORTED_SCHEMA_VERSION, "'v2'");
    }

    static List<Object[]> malformedEnvelopes() {
        JsonObject announce = OverlayCodec.encode(OverlayMessage.of(new ReplicationMessage.Announce(CONTENT)));
        JsonObject ack = OverlayCodec.encode(OverlayMessage.of(new MetricMessage.Ack(
                (dev.cairn.core.dht.MetricKey) OverlayFixtures.metricRecord().key(), Digest256.blake3(new byte[0]))));
        return List.of(
                new Object[] {"extra", unsigned().with("extra", new JsonInteger(1)), "unknown member \"extra\""},
                new Object[] {"no nonce", unsigned().without("nonce"), "missing member \"nonce\""},
                new Object[] {"upper-case nonce", unsigned().with("nonce", new JsonString(NONCE.toUpperCase())), "nonce"
                },
                new Object[] {"short to", unsigned().with("to", new JsonString("abcd")), "to:"},
                new Object[] {"ts as string", unsigned().with("ts", new JsonString("1")), "\"ts\""},
                new Object[] {"negative ts", unsigned().with("ts", new JsonInteger(-1)), "ts must be >= 0"},
                new Object[] {"message type", withMessage(announce.with("type", new JsonString("gossip"))), "'gossip'"},
                new Object[] {
                    "bad hex content",
                    withMessage(announce.with("content", new JsonString("zz".repeat(32)))),
                    "bad character"
                },
                new Object[] {
                    "short content",
                    withMessage(announce.with("content", new JsonString("ab".repeat(31)))),
                    "62 characters"
                },
                new Object[] {
                    "extra in message",
                    withMessage(announce.with("record", JsonObject.EMPTY)),
                    "unknown member \"record\""
                },
                new Object[] {
                    "announce with a CIDv0",
                    withMessage(announce.with(
                            "ipfs_cid", new JsonString("QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG"))),
                    "message.ipfs_cid"
                },
                new Object[] {
                    "announce with a CID longer than a record holds",
                    withMessage(announce.with("ipfs_cid", new JsonString("b" + "a".repeat(128)))),
                    "at most 128 characters"
                },
                new Object[] {
                    "announce with a null CID", withMessage(announce.with("ipfs_cid", JsonNull.INSTANCE)), "ipfs_cid"
                },
                new Object[] {
                    "announce with a CID and an extra member",
                    withMessage(announce.with("ipfs_cid", new JsonString(CID.value()))
                            .with("record", JsonObject.EMPTY)),
                    "unknown member \"record\""
                },
                new Object[] {
                    "ack for a meta key",
                    withMessage(ack.with("key", new JsonString(new MetaKey(CONTENT).wire()))),
                    "must be a metric key"
                },
                new Object[] {
                    "leader heartbeat with a metric record",
                    withMessage(JsonObject.builder()
                            .put("type", "leader_heartbeat")
                            .put("record", OverlayFixtures.metricRecord().toJson())
                            .build()),
                    "MetaKey"
                });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedEnvelopes")
    void malformedEnvelopesAreRefusedNamingTheMember(String name, JsonObject unsigned, String mentioned) {
        assertRefused(() -> bob.verify(signedByAlice(unsigned)), Reason.MALFORMED_MESSAGE, mentioned);
    }

    @Test
    void anEmbeddedRecordWithABrokenSignatureIsRefusedAsInvalid() {
        JsonObject record = OverlayFixtures.metaRecord().toJson();
        JsonValue signature = record.require("signature", JsonString.class);
        String flipped = ((JsonString) signature).value().replaceFirst("^a", "b");
        JsonObject message = JsonObject.builder()
                .put("type", "meta_record")
                .put("record", record.with("signature", new JsonString(flipped)))
                .build();

        assertRefused(() -> bob.verify(signedByAlice(withMessage(message))), Reason.INVALID_RECORD, "does not verify");
    }

    @Test
    void bytesThatAreNotJsonOrTooLargeAreRefused() {
        var tiny = new OverlayVerifier(BOB.nodeId(), clock, id -> true, new OverlayVerifier.Settings(1024, 1000, 10));

        assertRefused(() -> bob.verify("{\"a\":".getBytes(StandardCharsets.UTF_8)), Reason.MALFORMED_JSON, "at byte 5");
        assertRefused(() -> bob.verify("[]".getBytes(StandardCharsets.UTF_8)), Reason.MALFORMED_MESSAGE, "array");
        assertRefused(() -> tiny.verify(new byte[1025]), Reason.PAYLOAD_TOO_LARGE, "1025 bytes");
    }

    private static OverlayEnvelope envelope(String toHex, long ts) {
        return OverlayEnvelope.sign(
                ALICE,
                dev.cairn.core.id.NodeId.fromHex(toHex),
                NONCE,
                ts,
                OverlayMessage.of(new ReplicationMessage.Announce(CONTENT)));
    }

    /** A valid envelope from Alice to Bob without its signature, for tests that change one member and re-sign. */
    private static JsonObject unsigned() {
        return envelope(BOB.nodeId().hex(), T0).toJson().without(SignedJson.SIGNATURE_FIELD);
    }

    private static JsonObject withMessage(JsonObject message) {
        return unsigned().with("message", message);
    }

    private static byte[] signedByAlice(JsonObject unsigned) {
        return CanonicalJson.encode(SignedJson.sign(ALICE, OverlayEnvelope.KIND, unsigned));
    }

    private static void assertRefused(ThrowingCallable call, Reason reason, String mentioned) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        OverlayRejection.class, e -> assertThat(e.reason()).isEqualTo(reason))
                .hasMessageContaining(mentioned);
    }
}
