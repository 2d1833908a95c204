package dev.cairn.core.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.canonical.CanonicalJson;
import dev.cairn.core.canonical.JsonArray;
import dev.cairn.core.canonical.JsonObject;
import dev.cairn.core.canonical.JsonParser;
import dev.cairn.core.canonical.JsonString;
import dev.cairn.core.canonical.JsonValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks every value in {@code docs/test-vectors/identity.json}, and that {@code docs/protocol.md} shows exactly those
 * values, so the document another implementation reads cannot drift from what this code does.
 */
class ProtocolVectorsTest {
    private static final HexFormat HEX = HexFormat.of();

    private static JsonObject vectors;
    private static String protocol;

    @BeforeAll
    static void readDocs() throws IOException {
        Path root = repositoryRoot();
        vectors = (JsonObject) JsonParser.parse(Files.readAllBytes(root.resolve("docs/test-vectors/identity.json")));
        protocol = Files.readString(root.resolve("docs/protocol.md"));
    }

    @Test
    void theNodeKeyVectorDerivesItsPublicKeyNodeIdAndKeyFile() {
        JsonObject key = vectors.require("node_key", JsonObject.class);
        var identity = NodeIdentity.fromSeed(HEX.parseHex(string(key, "seed_hex")));

        assertThat(identity.publicKey().hex()).isEqualTo(string(key, "public_key_hex"));
        assertThat(identity.nodeId().hex()).isEqualTo(string(key, "node_id"));
        assertThat(new String(NodeKeyFile.format(identity), StandardCharsets.US_ASCII))
                .isEqualTo(string(key, "key_file"));
    }

    @Test
    void contentIdVectorsAreBlake3OfTheBlob() {
        for (JsonObject v : objects("content_ids")) {
            assertThat(ContentId.ofBlob(HEX.parseHex(string(v, "blob_hex"))).hex())
                    .isEqualTo(string(v, "content_id"));
        }
    }

    @Test
    void signedStructureVectorsReproduceByteForByte() {
        var identity =
                NodeIdentity.fromSeed(HEX.parseHex(string(vectors.require("node_key", JsonObject.class), "seed_hex")));
        for (JsonObject v : objects("signed_structures")) {
            var kind = new SignatureKind(string(v, "kind"));
            JsonObject signed = v.require("signed", JsonObject.class);
            JsonObject unsigned = signed.without(SignedJson.SIGNATURE_FIELD);

            assertThat(CanonicalJson.encodeToString(unsigned)).isEqualTo(string(v, "canonical_text"));
            assertThat(HEX.formatHex(CanonicalJson.encode(unsigned))).isEqualTo(string(v, "canonical_hex"));
            assertThat(HEX.formatHex(SignedJson.signingInput(kind, signed))).isEqualTo(string(v, "signing_input_hex"));
            assertThat(SignedJson.sign(identity, kind, unsigned)).isEqualTo(signed);
            assertThat(string(signed, "signature")).isEqualTo(string(v, "signature_hex"));

            var key = NodePublicKey.fromHex(string(v, "public_key_hex"));
            SignedJson.verify(kind, signed, key, NodeId.fromHex(string(signed, "signer")));
        }
    }

    @Test
    void rejectedStructureVectorsDoNotVerify() {
        assertThat(objects("rejected_structures")).isNotEmpty();
        for (JsonObject v : objects("rejected_structures")) {
            var kind = new SignatureKind(string(v, "kind"));
            var key = NodePublicKey.fromHex(string(v, "public_key_hex"));

            assertThatThrownBy(() -> SignedJson.verify(kind, v.require("signed", JsonObject.class), key))
                    .as(string(v, "reason"))
                    .isInstanceOf(InvalidSignatureException.class);
        }
    }

    @Test
    void canonicalJsonVectorsCanonicalizeTheirInput() {
        for (JsonObject v : objects("canonical_json")) {
            byte[] canonical = CanonicalJson.encode(JsonParser.parse(string(v, "input")));

            assertThat(new String(canonical, StandardCharsets.UTF_8))
                    .as(string(v, "name"))
                    .isEqualTo(string(v, "canonical_text"));
            assertThat(HEX.formatHex(canonical)).as(string(v, "name")).isEqualTo(string(v, "canonical_hex"));
        }
    }

    @Test
    void theProtocolDocumentShowsEveryVectorValue() {
        for (String value : allStrings(vectors)) {
            boolean identifier = value.matches("[0-9a-f]{64,}");
            boolean canonicalText = value.startsWith("{") || value.startsWith("[");
            // Texts holding invisible characters (U+2028, DEL) are shown in the document by their hex only.
            boolean visible = value.codePoints().noneMatch(c -> c == 0x2028 || c == 0x7f);
            if (identifier || (canonicalText && visible)) {
                assertThat(protocol).as("docs/protocol.md shows %s", value).contains(value);
            }
        }
    }

    @Test
    void everyLongHexStringInTheProtocolDocumentIsAVectorValue() throws IOException {
        Set<String> values = new HashSet<>();
        try (var files = Files.list(repositoryRoot().resolve("docs/test-vectors"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                values.addAll(allStrings(JsonParser.parse(Files.readAllBytes(file))));
            }
        }
        var hex = Pattern.compile("(?<![0-9a-f])[0-9a-f]{64,}(?![0-9a-f])").matcher(protocol);
        int found = 0;
        while (hex.find()) {
            found++;
            assertThat(values)
                    .as("docs/protocol.md shows %s, which is in no file of docs/test-vectors", hex.group())
                    .contains(hex.group());
        }
        assertThat(found).isGreaterThanOrEqualTo(8);
    }

    private static List<JsonObject> objects(String key) {
        return vectors.require(key, JsonArray.class).elements().stream()
                .map(JsonObject.class::cast)
                .toList();
    }

    private static String string(JsonObject object, String key) {
        return object.require(key, JsonString.class).value();
    }

    private static Set<String> allStrings(JsonValue value) {
        var out = new HashSet<String>();
        collect(value, out);
        return out;
    }

    private static void collect(JsonValue value, Set<String> out) {
        switch (value) {
            case JsonObject o -> o.members().values().forEach(v -> collect(v, out));
            case JsonArray a -> a.elements().forEach(v -> collect(v, out));
            case JsonString s -> out.add(s.value());
            default -> {}
        }
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docs/test-vectors/identity.json"))) {
                return dir;
            }
        }
        throw new IllegalStateException("docs/test-vectors/identity.json not found above "
                + Path.of("").toAbsolutePath() + "; the tests run inside the Cairn repository");
    }
}
