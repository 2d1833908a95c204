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
        assertThat(records).hasSize(2);
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
