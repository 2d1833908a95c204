package dev.cairn.core.dht;

import static dev.cairn.core.dht.DhtFixtures.CONTENT;
import static dev.cairn.core.dht.DhtFixtures.META_KEY;
import static dev.cairn.core.dht.DhtFixtures.METRIC_KEY;
import static dev.cairn.core.dht.DhtFixtures.metaRecord;
import static dev.cairn.core.dht.DhtFixtures.metricRecord;
import static dev.cairn.core.dht.DhtFixtures.node;
import static dev.cairn.core.dht.DhtFixtures.viewId;
import static dev.cairn.core.dht.DhtFixtures.views;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.port.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LocalDhtTest {
    final ManualClock clock = new ManualClock(1_764_090_000_000L);
    final InMemoryRecordStore store = new InMemoryRecordStore();
    final LocalDht dht = new LocalDht(node(0), clock, store, RecordValueCodec.standard());

    @Test
    void publishingSignsWithAStampThatDominatesTheStoredRecord() {
        DhtRecord first = dht.publish(
                METRIC_KEY,
                MetricState.empty(),
                v -> ((MetricState) v).recordView(node(0).nodeId(), viewId(1), 5, 10, false));
        clock.advance(Duration.ofSeconds(1));
        DhtRecord second = dht.publish(
                METRIC_KEY,
                MetricState.empty(),
                v -> ((MetricState) v).recordView(node(0).nodeId(), viewId(2), 5, 10, true));

        first.verify();
        second.verify();
        assertThat(second.dominance().dominates(first.dominance())).isTrue();
        assertThat(((MetricState) second.value()).views().value()).isEqualTo(2);
        assertThat(((MetricState) second.value()).completions().value()).isEqualTo(1);
        assertThat(dht.get(METRIC_KEY)).contains(second);
    }

    @Test
    void aRecordWithABadSignatureIsRefusedAndNothingStoredChanges() {
        DhtRecord good = metricRecord(1, 1, views(1, 1));
        dht.accept(good);
        DhtRecord other = metricRecord(1, 2, views(1, 1, 2));
        var forged = new DhtRecord(other.key(), other.value(), other.dominance(), other.signer(), good.signature());

        assertThatThrownBy(() -> dht.accept(forged)).isInstanceOf(InvalidRecordException.class);
        assertThat(dht.get(METRIC_KEY)).contains(good);
    }

    @Test
    void conflictsAreCounted() {
        dht.accept(metaRecord(1, 5, 1_000, 1));
        dht.accept(metaRecord(2, 5, 2_000, 2));
        dht.accept(metaRecord(3, 6, 3_000, 3));

        assertThat(dht.mergeConflicts()).isEqualTo(1);
        // Node 3's decisions win; the record carries the logged conflict, so this node re-signed it.
        var meta = (ContentMeta) dht.get(META_KEY).orElseThrow().value();
        assertThat(meta.leader()).contains(node(3).nodeId());
        assertThat(meta.conflictLog()).hasSize(1);
    }

    @Test
    void aMetricWindowIsFoundFromTheClock() {
        var key = MetricKey.containing(CONTENT, clock.epochSecond(), 3600);
        assertThat(key.windowStart()).isEqualTo(1_764_090_000L - 1_764_090_000L % 3600);
    }
}
