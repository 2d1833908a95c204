package dev.cairn.adapters.http.overlay;

import dev.cairn.core.canonical.JsonArray;
import dev.cairn.core.canonical.JsonObject;
import dev.cairn.core.canonical.JsonParser;
import dev.cairn.core.canonical.JsonString;
import dev.cairn.core.dht.DhtRecord;
import dev.cairn.core.dht.RecordValueCodec;
import dev.cairn.core.id.NodeIdentity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/** Keys and signed records shared by the overlay tests: the RFC 8032 test keys and the records of dht.json. */
public final class OverlayFixtures {
    /** RFC 8032 TEST 1: NodeId 6c3104..., signer of the dht.json records. */
    public static final NodeIdentity ALICE =
            identity("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    /** RFC 8032 TEST 2. */
    public static final NodeIdentity BOB = identity("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb");
    /** A third node, seed 32 bytes of 0x03. */
    public static final NodeIdentity CAROL =
            identity("0303030303030303030303030303030303030303030303030303030303030303");

    /** 2025-11-25T16:20:00Z, the time of the dht.json records. */
    public static final long T0 = 1_764_090_000_000L;

    private OverlayFixtures() {}

    public static NodeIdentity identity(String seedHex) {
        return NodeIdentity.fromSeed(HexFormat.of().parseHex(seedHex));
    }

    /** The dht.json record named {@code name}, parsed and verified. */
    public static DhtRecord dhtRecord(String name) {
        JsonObject vectors = vectorFile("dht.json");
        for (var element : vectors.require("records", JsonArray.class).elements()) {
            JsonObject record = (JsonObject) element;
            if (record.require("name", JsonString.class).value().equals(name)) {
                String text = record.require("canonical_text", JsonString.class).value();
                return DhtRecord.fromJson((JsonObject) JsonParser.parse(text), RecordValueCodec.standard());
            }
        }
        throw new IllegalArgumentException("no record named '" + name + "' in docs/test-vectors/dht.json");
    }

    public static DhtRecord metaRecord() {
        return dhtRecord("content meta with one lease");
    }

    public static DhtRecord metricRecord() {
        return dhtRecord("metric window with one view");
    }

    /** A file of docs/test-vectors, found above the working directory. */
    public static JsonObject vectorFile(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("docs/test-vectors").resolve(name);
            if (Files.isRegularFile(candidate)) {
                try {
                    return (JsonObject) JsonParser.parse(Files.readAllBytes(candidate));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        throw new IllegalStateException(
                "docs/test-vectors/" + name + " not found above " + Path.of("").toAbsolutePath());
    }
}
