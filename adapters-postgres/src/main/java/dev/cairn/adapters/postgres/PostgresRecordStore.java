package dev.cairn.adapters.postgres;

import static dev.cairn.adapters.postgres.schema.Tables.DHT_RECORDS;

import dev.cairn.adapters.postgres.schema.tables.records.DhtRecordsRecord;
import dev.cairn.core.canonical.CanonicalJson;
import dev.cairn.core.canonical.JsonObject;
import dev.cairn.core.canonical.JsonParser;
import dev.cairn.core.dht.DhtKey;
import dev.cairn.core.dht.DhtRecord;
import dev.cairn.core.dht.MembershipKey;
import dev.cairn.core.dht.MergeOutcome;
import dev.cairn.core.dht.MetaKey;
import dev.cairn.core.dht.MetricKey;
import dev.cairn.core.dht.RecordStore;
import dev.cairn.core.dht.RecordValueCodec;
import dev.cairn.core.port.Clock;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jooq.DSLContext;

/**
 * DHT records in the {@code dht_records} table, one row per key, the signed record kept in its wire form.
 *
 * <p>{@link #merge} runs in a transaction that locks the key's row ({@code SELECT ... FOR UPDATE}), so merges of one
 * key on any number of connections or nodes sharing the database are serialized. A key without a row has nothing to
 * lock: two writers may both see it empty; the insert is {@code ON CONFLICT DO NOTHING}, and the one that inserted
 * nothing rolls back and runs the merge function again on the row the other one committed.
 *
 * <p>Reads parse and verify the stored record again ({@link DhtRecord#fromJson}), so a row edited by hand cannot
 * pass as signed.
 */
public final class PostgresRecordStore implements RecordStore {
    /** Far above any record this node accepts from the network, so a large membership record still reads back. */
    private static final JsonParser.Limits LIMITS = new JsonParser.Limits(64 << 20, 64);

    private final DSLContext dsl;
    private final Clock clock;
    private final RecordValueCodec codec;

    public PostgresRecordStore(DSLContext dsl, Clock clock, RecordValueCodec codec) {
        this.dsl = Objects.requireNonNull(dsl, "dsl");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    @Override
    public Optional<DhtRecord> get(DhtKey key) {
        return dsl.select(DHT_RECORDS.RECORD_JSON)
                .from(DHT_RECORDS)
                .where(DHT_RECORDS.DHT_KEY.eq(key.wire()))
                .fetchOptional(DHT_RECORDS.RECORD_JSON)
                .map(this::parse);
    }

    @Override
    public MergeOutcome merge(DhtKey key, Function<Optional<DhtRecord>, MergeOutcome> merge) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(merge, "merge");
        while (true) {
            Optional<MergeOutcome> outcome = dsl.transactionResult(c -> mergeOnce(c.dsl(), key, merge));
            if (outcome.isPresent()) {
                return outcome.get();
            }
        }
    }

    /** One attempt; empty when another writer inserted the key first (this transaction then changed nothing). */
    private Optional<MergeOutcome> mergeOnce(
            DSLContext tx, DhtKey key, Function<Optional<DhtRecord>, MergeOutcome> merge) {
        Optional<DhtRecord> current = tx.select(DHT_RECORDS.RECORD_JSON)
                .from(DHT_RECORDS)
                .where(DHT_RECORDS.DHT_KEY.eq(key.wire()))
                .forUpdate()
                .fetchOptional(DHT_RECORDS.RECORD_JSON)
                .map(this::parse);
        MergeOutcome outcome = merge.apply(current);
        DhtRecord record = outcome.record();
        if (!record.key().equals(key)) {
            throw new IllegalArgumentException("merge for " + key.wire() + " produced a record of "
                    + record.key().wire());
        }
        if (current.isPresent()) {
            if (!current.get().equals(record)) {
                tx.update(DHT_RECORDS)
                        .set(row(record))
                        .where(DHT_RECORDS.DHT_KEY.eq(key.wire()))
                        .execute();
            }
            return Optional.of(outcome);
        }
        int inserted = tx.insertInto(DHT_RECORDS)
                .set(row(record))
                .onConflictDoNothing()
                .execute();
        return inserted == 1 ? Optional.of(outcome) : Optional.empty();
    }

    @Override
    public boolean remove(DhtKey key) {
        return dsl.deleteFrom(DHT_RECORDS)
                        .where(DHT_RECORDS.DHT_KEY.eq(key.wire()))
                        .execute()
                > 0;
    }

    @Override
    public List<DhtKey> keys() {
        return dsl.select(DHT_RECORDS.DHT_KEY).from(DHT_RECORDS).fetch(DHT_RECORDS.DHT_KEY).stream()
                .map(DhtKey::parse)
                .toList();
    }

    private DhtRecordsRecord row(DhtRecord record) {
        DhtKey key = record.key();
        var row = new DhtRecordsRecord()
                .setDhtKey(key.wire())
                .setRecordJson(CanonicalJson.encodeToString(record.toJson()))
                .setDominanceCounter(record.dominance().logicalCounter())
                .setDominanceTimestampMs(record.dominance().timestampMillis())
                .setDominanceNodeId(record.writer().hex())
                .setUpdatedAt(clock.instant());
        switch (key) {
            case MetaKey meta ->
                row.setKind("meta").setContentId(meta.contentId().hex());
            case MetricKey metric ->
                row.setKind("metric").setContentId(metric.contentId().hex()).setWindowStart(metric.windowStart());
            case MembershipKey membership -> row.setKind("membership");
        }
        return row;
    }

    private DhtRecord parse(String json) {
        var value = JsonParser.parse(json.getBytes(StandardCharsets.UTF_8), LIMITS);
        if (!(value instanceof JsonObject object)) {
            throw new IllegalStateException("dht_records holds a record that is not a JSON object: " + json);
        }
        return DhtRecord.fromJson(object, codec);
    }
}
