package dev.cairn.adapters.postgres;

import static dev.cairn.adapters.postgres.schema.Tables.BLOB_PINS;

import dev.cairn.core.id.ContentId;
import dev.cairn.core.port.Clock;
import dev.cairn.core.replication.PinSet;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.DSLContext;

/**
 * The replicas this node pins as a lease holder, as {@code blob_pins} rows with reason {@code replica}, so that after
 * a restart the node still knows which blobs it holds for others (and the garbage collector leaves them alone).
 */
public final class PostgresPinSet implements PinSet {
    private static final String REPLICA = "replica";

    private final DSLContext dsl;
    private final Clock clock;

    public PostgresPinSet(DSLContext dsl, Clock clock) {
        this.dsl = Objects.requireNonNull(dsl, "dsl");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public boolean add(ContentId content) {
        return dsl.insertInto(BLOB_PINS)
                        .set(BLOB_PINS.BLOB_ID, content.hex())
                        .set(BLOB_PINS.REASON, REPLICA)
                        .set(BLOB_PINS.PINNED_AT, Instant.ofEpochMilli(clock.millis()))
                        .onConflictDoNothing()
                        .execute()
                == 1;
    }

    @Override
    public boolean remove(ContentId content) {
        return dsl.deleteFrom(BLOB_PINS)
                        .where(BLOB_PINS.BLOB_ID.eq(content.hex()))
                        .and(BLOB_PINS.REASON.eq(REPLICA))
                        .execute()
                == 1;
    }

    @Override
    public boolean contains(ContentId content) {
        return dsl.fetchExists(BLOB_PINS, BLOB_PINS.BLOB_ID.eq(content.hex()).and(BLOB_PINS.REASON.eq(REPLICA)));
    }

    @Override
    public Set<ContentId> snapshot() {
        return dsl
                .select(BLOB_PINS.BLOB_ID)
                .from(BLOB_PINS)
                .where(BLOB_PINS.REASON.eq(REPLICA))
                .fetch(r -> ContentId.fromHex(r.value1()))
                .stream()
                .collect(Collectors.toUnmodifiableSet());
    }
}
