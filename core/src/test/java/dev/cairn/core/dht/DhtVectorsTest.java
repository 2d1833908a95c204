package dev.cairn.core.dht;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.canonical.CanonicalJson;
import dev.cairn.core.canonical.JsonArray;
import dev.cairn.core.canonical.JsonBoolean;
import dev.cairn.core.canonical.JsonInteger;
import dev.cairn.core.canonical.JsonObject;
import dev.cairn.core.canonical.JsonParser;
import dev.cairn.core.canonical.JsonString;
import dev.cairn.core.hash.Blake3;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.id.NodeIdentity;
import dev.cairn.core.ipfs.Cid;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Checks every record in {@code docs/test-vectors/dht.json}, which docs/protocol.md shows. */
class DhtVectorsTest {
    static final HexFormat HEX = HexFormat.of();
    static JsonObject vectors;
    static NodeIdentity signer;
    final RecordValueCodec codec = RecordValueCodec.standard();

    @BeforeAll
    static void readVectors() throws IOException {
        Path file = null;
        for (Path dir = Path.of("").toAbsolutePath(); dir != null && file == null; dir = dir.getParent()) {
            Path candidate = dir.resolve("docs/test-vectors/dht.json");
            file = Files.isRegularFile(candidate) ? candidate : null;
        }
        assertThat(file)
                .as("docs/test-vectors/dht.json above the working directory")
                .isNotNull();
        vectors = (JsonObject) JsonParser.parse(Files.readAllBytes(file));
        signer = NodeIdentity.fromSeed(
                HEX.parseHex(vectors.require("seed_hex", JsonString.class).value()));
    }

    @Test
    void everyVectorRecordParsesVerifiesAndIsReproducedByteForByte() {
        var records = vectors.require("records", JsonArray.class).elements();
        assertThat(records).hasSize(3);
        for (var element : records) {
            var v = (JsonObject) element;
            String text = v.require("canonical_text", JsonString.class).value();

            DhtRecord record = DhtRecord.fromJson((JsonObject) JsonParser.parse(text), codec);

            assertThat(CanonicalJson.encodeToString(record.toJson())).isEqualTo(text);
            assertThat(HEX.formatHex(codec.encode(record.value())))
                    .isEqualTo(v.require("value_hex", JsonString.class).value());
            assertThat(record.signature())
                    .isEqualTo(v.require("signature_hex", JsonString.class).value());
            DhtRecord resigned = DhtRecord.sign(signer, record.key(), record.value(), record.dominance());
            assertThat(resigned).isEqualTo(record);
        }
    }

    @Test
    void theMetricVectorHoldsTheViewItDescribes() {
        var v = (JsonObject) vectors.require("records", JsonArray.class).get(0);
        var content =
                ContentId.fromHex(v.require("content_id", JsonString.class).value());
        byte[] salt = v.require("device_salt_utf8", JsonString.class).value().getBytes(StandardCharsets.UTF_8);
        byte[] viewId = Blake3.newHasher()
                .update(content.value().toBytes())
                .update(salt)
                .digest();
        assertThat(HEX.formatHex(viewId))
                .isEqualTo(v.require("view_id", JsonString.class).value());

        var record = DhtRecord.fromJson(
                (JsonObject) JsonParser.parse(
                        v.require("canonical_text", JsonString.class).value()),
                codec);
        var expected = MetricState.empty()
                .recordView(
                        signer.nodeId(),
                        viewId,
                        v.require("watch_time_seconds", JsonInteger.class).value(),
                        v.require("bytes_out", JsonInteger.class).value(),
                        v.require("completed", JsonBoolean.class).value());
        assertThat(record.value()).isEqualTo(expected);
        assertThat(record.key()).isEqualTo(MetricKey.containing(content, 1_764_090_000L, 3600));
    }

    /**
     * The CID is what Kubo computes for the vector's blob under the fixed add parameters: one chunk with raw leaves,
     * so the raw block's CIDv1 (codec 0x55) with a SHA2-256 multihash, in base32. The record is the CID-less meta
     * record's value plus that CID, at format version 2.
     */
    @Test
    void theCidVectorHoldsTheRawLeafCidOfTheBlobOnTopOfTheCidlessMeta() throws Exception {
        var records = vectors.require("records", JsonArray.class);
        var withCid = (JsonObject) records.get(2);
        var without = (JsonObject) records.get(1);
        byte[] blob = "cairn test vector content".getBytes(StandardCharsets.US_ASCII);
        var content = ContentId.fromHex(
                withCid.require("content_id", JsonString.class).value());
        byte[] sha256 = java.security.MessageDigest.getInstance("SHA-256").digest(blob);
        byte[] cidBytes = new byte[4 + 32];
        cidBytes[0] = 0x01;
        cidBytes[1] = 0x55;
        cidBytes[2] = 0x12;
        cidBytes[3] = 0x20;
        System.arraycopy(sha256, 0, cidBytes, 4, 32);
        var cid = new Cid("b" + base32(cidBytes));

        assertThat(content).isEqualTo(ContentId.ofBlob(blob));
        assertThat(withCid.require("ipfs_cid", JsonString.class).value()).isEqualTo(cid.value());
        ContentMeta expected = ((ContentMeta) record(without).value()).withIpfsCid(cid);
        DhtRecord record = record(withCid);
        assertThat(record.value()).isEqualTo(expected);
        assertThat(record.key()).isEqualTo(new MetaKey(content));
        assertThat(record.dominance()).isEqualTo(record(without).dominance());
        assertThat(codec.encode(record.value())[0]).isEqualTo((byte) RecordValueCodec.FORMAT_VERSION_WITH_CID);
    }

    private DhtRecord record(JsonObject vector) {
        return DhtRecord.fromJson(
                (JsonObject) JsonParser.parse(
                        vector.require("canonical_text", JsonString.class).value()),
                codec);
    }

    /** RFC 4648 base32, lowercase, unpadded: the multibase {@code b} alphabet. */
    private static String base32(byte[] bytes) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        var out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(alphabet.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(alphabet.charAt((buffer << (5 - bits)) & 31));
        }
        return out.toString();
    }

    @Test
    void aVectorWithOneSignatureBitFlippedIsRefused() {
        var v = (JsonObject) vectors.require("records", JsonArray.class).get(1);
        var json = (JsonObject)
                JsonParser.parse(v.require("canonical_text", JsonString.class).value());
        byte[] signature =
                HEX.parseHex(json.require("signature", JsonString.class).value());
        signature[10] ^= 1;
        var tampered = json.with("signature", new JsonString(HEX.formatHex(signature)));

        assertThatThrownBy(() -> DhtRecord.fromJson(tampered, codec)).isInstanceOf(InvalidRecordException.class);
    }
}
