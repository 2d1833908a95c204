package dev.cairn.core.replication;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.canonical.JsonArray;
import dev.cairn.core.canonical.JsonBoolean;
import dev.cairn.core.canonical.JsonInteger;
import dev.cairn.core.canonical.JsonObject;
import dev.cairn.core.canonical.JsonParser;
import dev.cairn.core.canonical.JsonString;
import dev.cairn.core.canonical.JsonValue;
import dev.cairn.core.hash.Digest256;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.id.NodeId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Checks every value in {@code docs/test-vectors/replication.json}, which docs/protocol.md describes. */
class ReplicationVectorsTest {
    static JsonObject vectors;

    @BeforeAll
    static void readVectors() throws IOException {
        Path file = null;
        for (Path dir = Path.of("").toAbsolutePath(); dir != null && file == null; dir = dir.getParent()) {
            Path candidate = dir.resolve("docs/test-vectors/replication.json");
            file = Files.isRegularFile(candidate) ? candidate : null;
        }
        assertThat(file)
                .as("docs/test-vectors/replication.json above the working directory")
                .isNotNull();
        vectors = (JsonObject) JsonParser.parse(Files.readAllBytes(file));
    }

    @Test
    void prefixLengths() {
        for (JsonValue element : vectors.require("prefix_bits", JsonArray.class).elements()) {
            var v = (JsonObject) element;
            long n = v.require("n_estimate", JsonInteger.class).value();
            int r = (int) v.require("r_target", JsonInteger.class).value();
            assertThat(PlacementView.prefixBits(n, r))
                    .as("p for N_estimate %d, R_target %d", n, r)
                    .isEqualTo((int) v.require("p", JsonInteger.class).value());
        }
    }

    @Test
    void theViewAndItsIdsAreWhatTheDescriptionSays() {
        List<Candidate> view = view();
        for (int i = 0; i < view.size(); i++) {
            byte[] label = ("cairn replication vector node " + i).getBytes(StandardCharsets.UTF_8);
            assertThat(view.get(i).id()).isEqualTo(new NodeId(Digest256.blake3(label)));
        }
    }

    @Test
    void placements() {
        var view = new PlacementView(
                view(), vectors.require("n_estimate", JsonInteger.class).value(), ReplicationConfig.defaults());
        var hex = HexFormat.of();
        var placements = vectors.require("placements", JsonArray.class).elements();
        assertThat(placements).isNotEmpty();
        for (JsonValue element : placements) {
            var v = (JsonObject) element;
            var content =
                    ContentId.fromHex(v.require("content_id", JsonString.class).value());
            Placement placement = view.place(content);

            assertThat(placement.prefixBits())
                    .isEqualTo((int) v.require("prefix_bits", JsonInteger.class).value());
            assertThat(placement.poolBits())
                    .isEqualTo((int) v.require("pool_bits", JsonInteger.class).value());
            assertThat(placement.responsible()).isEqualTo(ids(v.require("responsible", JsonArray.class)));
            assertThat(placement.leader())
                    .isEqualTo(
                            NodeId.fromHex(v.require("leader", JsonString.class).value()));
            for (Map.Entry<String, JsonValue> score :
                    v.require("scores", JsonObject.class).members().entrySet()) {
                assertThat(hex.formatHex(Rendezvous.score(content, NodeId.fromHex(score.getKey()))))
                        .isEqualTo(((JsonString) score.getValue()).value());
            }
            assertThat(placement.holderIds()).isEqualTo(ids(v.require("holders", JsonArray.class)));
            assertThat(placement.diversity().satisfied())
                    .isEqualTo(v.require("diverse", JsonBoolean.class).value());
            assertThat(placement.diversity().distinctOctets()).isEqualTo((int)
                    v.require("distinct_octets", JsonInteger.class).value());
            assertThat(placement.diversity().distinctAsns()).isEqualTo((int)
                    v.require("distinct_asns", JsonInteger.class).value());
        }
    }

    private static List<Candidate> view() {
        var out = new ArrayList<Candidate>();
        for (JsonValue element : vectors.require("view", JsonArray.class).elements()) {
            var v = (JsonObject) element;
            var id = NodeId.fromHex(v.require("node_id", JsonString.class).value());
            var octet = v.members().get("ipv4_first_octet") instanceof JsonInteger o
                    ? OptionalInt.of((int) o.value())
                    : OptionalInt.empty();
            var asn =
                    v.members().get("asn") instanceof JsonInteger a ? OptionalLong.of(a.value()) : OptionalLong.empty();
            out.add(new Candidate(id, octet, asn));
        }
        return out;
    }

    private static List<NodeId> ids(JsonArray array) {
        return array.elements().stream()
                .map(e -> NodeId.fromHex(((JsonString) e).value()))
                .toList();
    }
}
