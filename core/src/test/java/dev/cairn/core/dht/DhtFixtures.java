package dev.cairn.core.dht;

import dev.cairn.core.crdt.Dominance;
import dev.cairn.core.hash.Blake3;
import dev.cairn.core.hash.Digest256;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.id.NodeIdentity;
import dev.cairn.core.ipfs.Cid;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/** Deterministic identities, keys and values shared by the DHT tests. */
final class DhtFixtures {
    static final List<NodeIdentity> NODES = IntStream.range(0, 5)
            .mapToObj(i -> NodeIdentity.fromSeed(Blake3.hash(("node-" + i).getBytes(StandardCharsets.UTF_8))))
            .toList();
    static final ContentId CONTENT = new ContentId(Digest256.blake3("content".getBytes(StandardCharsets.UTF_8)));
    static final MetricKey METRIC_KEY = new MetricKey(CONTENT, 1_764_090_000L);
    static final MetaKey META_KEY = new MetaKey(CONTENT);

    private DhtFixtures() {}

    static NodeIdentity node(int i) {
        return NODES.get(i);
    }

    static Dominance stamp(long counter, long millis, int node) {
        return new Dominance(counter, millis, node(node).nodeId());
    }

    static byte[] viewId(int device) {
        return Blake3.hash(("device-" + device).getBytes(StandardCharsets.UTF_8));
    }

    static MetricState views(int node, int... devices) {
        MetricState state = MetricState.empty();
        for (int device : devices) {
            state = state.recordView(node(node).nodeId(), viewId(device), 30, 1000, device % 2 == 0);
        }
        return state;
    }

    static DhtRecord metricRecord(int node, long counter, MetricState value) {
        return DhtRecord.sign(node(node), METRIC_KEY, value, stamp(counter, 1_000 + counter, node));
    }

    static DhtRecord metaRecord(int node, long counter, long millis, int leader) {
        return metaRecord(node, counter, millis, leader, Optional.empty());
    }

    static DhtRecord metaRecord(int node, long counter, long millis, int leader, Optional<Cid> cid) {
        var meta = new ContentMeta(
                counter,
                Optional.of(node(leader).nodeId()),
                List.of(new ReplicaLease(node(leader).nodeId(), millis + 600_000)),
                List.of(),
                cid);
        return DhtRecord.sign(node(node), META_KEY, meta, stamp(counter, millis, node));
    }

    /** A well-formed CIDv1 in base32 (68 characters), distinct per {@code i}; its order follows no pattern. */
    static Cid cid(int i) {
        String hex =
                Digest256.blake3(("cid-" + i).getBytes(StandardCharsets.UTF_8)).hex();
        // Hex digits outside base32's alphabet mapped into it.
        return new Cid("bafk"
                + hex.replace('0', 'w').replace('1', 'x').replace('8', 'y').replace('9', 'z'));
    }
}
