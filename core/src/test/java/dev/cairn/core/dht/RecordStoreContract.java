package dev.cairn.core.dht;

import static dev.cairn.core.dht.DhtFixtures.META_KEY;
import static dev.cairn.core.dht.DhtFixtures.METRIC_KEY;
import static dev.cairn.core.dht.DhtFixtures.metaRecord;
import static dev.cairn.core.dht.DhtFixtures.metricRecord;
import static dev.cairn.core.dht.DhtFixtures.views;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.dht.MergeOutcome.Change;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link RecordStore} must do; each implementation's test extends this. */
public abstract class RecordStoreContract {
    protected RecordStore store;

    protected abstract RecordStore newStore();

    @BeforeEach
    void openStore() {
        store = newStore();
    }

    @Test
    void anUnknownKeyHasNoRecord() {
        assertThat(store.get(METRIC_KEY)).isEmpty();
        assertThat(store.keys()).isEmpty();
        assertThat(store.remove(METRIC_KEY)).isFalse();
    }

    @Test
    void aMergedRecordIsStoredUnderItsKey() {
        DhtRecord record = metricRecord(0, 1, views(0, 1));
        MergeOutcome outcome = store.merge(METRIC_KEY, current -> new MergeOutcome(record, Change.REPLACED, false));

        assertThat(outcome.record()).isEqualTo(record);
        assertThat(store.get(METRIC_KEY)).contains(record);
        assertThat(store.keys()).containsExactly(METRIC_KEY);
    }

    @Test
    void aContentMetaWithACidIsStoredAndReadBackWithIt() {
        DhtRecord record = metaRecord(0, 1, 1_000, 0, Optional.of(DhtFixtures.cid(1)));
        store.merge(META_KEY, current -> new MergeOutcome(record, Change.REPLACED, false));

        assertThat(store.get(META_KEY)).contains(record);
        assertThat(((ContentMeta) store.get(META_KEY).orElseThrow().value()).ipfsCid())
                .contains(DhtFixtures.cid(1));
    }

    @Test
    void theMergeSeesTheCurrentRecord() {
        DhtRecord first = metaRecord(0, 1, 1_000, 0);
        DhtRecord second = metaRecord(1, 2, 2_000, 1);
        store.merge(META_KEY, current -> new MergeOutcome(first, Change.REPLACED, false));

        var seen = new java.util.concurrent.atomic.AtomicReference<Optional<DhtRecord>>();
        store.merge(META_KEY, current -> {
            seen.set(current);
            return new MergeOutcome(second, Change.REPLACED, false);
        });

        assertThat(seen.get()).contains(first);
        assertThat(store.get(META_KEY)).contains(second);
    }

    @Test
    void aMergeThatFailsLeavesTheStoredRecord() {
        DhtRecord first = metaRecord(0, 1, 1_000, 0);
        store.merge(META_KEY, current -> new MergeOutcome(first, Change.REPLACED, false));

        assertThatThrownBy(() -> store.merge(META_KEY, current -> {
                    throw new IllegalStateException("boom");
                }))
                .hasMessage("boom");
        assertThat(store.get(META_KEY)).contains(first);
    }

    @Test
    void aMergeMayNotStoreARecordUnderAnotherKey() {
        DhtRecord meta = metaRecord(0, 1, 1_000, 0);
        assertThatThrownBy(() -> store.merge(METRIC_KEY, current -> new MergeOutcome(meta, Change.REPLACED, false)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.get(METRIC_KEY)).isEmpty();
    }

    @Test
    void concurrentMergesOfOneKeyAreSerialized() throws Exception {
        var merges = new AtomicInteger();
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 200; i++) {
                pool.submit(() -> store.merge(META_KEY, current -> {
                    long next =
                            current.map(r -> r.dominance().logicalCounter() + 1).orElse(0L);
                    merges.incrementAndGet();
                    return new MergeOutcome(metaRecord(0, next, 1_000, 0), Change.REPLACED, false);
                }));
            }
        }
        assertThat(store.get(META_KEY).orElseThrow().dominance().logicalCounter())
                .isEqualTo(199);
    }

    @Test
    void aRemovedKeyIsGone() {
        DhtRecord record = metricRecord(0, 1, views(0, 1));
        store.merge(METRIC_KEY, current -> new MergeOutcome(record, Change.REPLACED, false));

        assertThat(store.remove(METRIC_KEY)).isTrue();
        assertThat(store.get(METRIC_KEY)).isEmpty();
    }
}
