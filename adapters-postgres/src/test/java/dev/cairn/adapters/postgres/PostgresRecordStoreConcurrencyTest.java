package dev.cairn.adapters.postgres;

import static dev.cairn.adapters.postgres.schema.Tables.DHT_RECORDS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.dht.LocalDht;
import dev.cairn.core.dht.MetricKey;
import dev.cairn.core.dht.MetricState;
import dev.cairn.core.dht.RecordValueCodec;
import dev.cairn.core.hash.Blake3;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.id.NodeIdentity;
import dev.cairn.core.port.ManualClock;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Writers on different connections and stores, racing on one key from its first insert on, lose nothing. */
class PostgresRecordStoreConcurrencyTest {
    private static final int WRITERS = 6;
    private static final int VIEWS_EACH = 20;

    @RegisterExtension
    static final FreshDatabase database = new FreshDatabase();

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void everyViewPublishedByRacingNodesIsInTheStoredRecord() throws Exception {
        var key = new MetricKey(ContentId.ofBlob(bytes("racing content")), 1_764_090_000L);
        var start = new CountDownLatch(1);
        var results = new ArrayList<Future<?>>();
        try (var pool = Executors.newFixedThreadPool(WRITERS)) {
            for (int w = 0; w < WRITERS; w++) {
                var node = NodeIdentity.fromSeed(Blake3.hash(bytes("writer-" + w)));
                // Each writer is its own store, as if each were a node process sharing the database.
                var dht = new LocalDht(
                        node,
                        new ManualClock(1_000 + w),
                        new PostgresRecordStore(database.dsl(), new ManualClock(0), RecordValueCodec.standard()),
                        RecordValueCodec.standard());
                int writer = w;
                results.add(pool.submit(() -> {
                    start.await();
                    for (int v = 0; v < VIEWS_EACH; v++) {
                        byte[] viewId = Blake3.hash(bytes("device-" + writer + "-" + v));
                        dht.publish(
                                key,
                                MetricState.empty(),
                                s -> ((MetricState) s).recordView(node.nodeId(), viewId, 10, 100, false));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (var result : results) {
                result.get();
            }
        }

        var store = new PostgresRecordStore(database.dsl(), new ManualClock(0), RecordValueCodec.standard());
        var stored = (MetricState) store.get(key).orElseThrow().value();
        assertThat(stored.views().value()).isEqualTo(WRITERS * VIEWS_EACH);
        assertThat(stored.watchTimeSeconds().value()).isEqualTo(WRITERS * VIEWS_EACH * 10L);
        assertThat(database.dsl().fetchCount(DHT_RECORDS)).isEqualTo(1);
    }
}
