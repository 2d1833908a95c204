package dev.cairn.adapters.postgres;

import static dev.cairn.adapters.postgres.schema.Tables.DERIVATIVES;

import dev.cairn.adapters.postgres.schema.tables.records.DerivativesRecord;
import dev.cairn.core.conversion.Derivative;
import dev.cairn.core.conversion.DerivativeKind;
import dev.cairn.core.conversion.DerivativeStatus;
import dev.cairn.core.conversion.DerivativeStore;
import dev.cairn.core.conversion.Dimensions;
import dev.cairn.core.encryption.WrappedKey;
import dev.cairn.core.id.ContentId;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.DSLContext;

/**
 * The {@code derivatives} table: one row per content and kind ({@code derivatives_one_per_kind}), so {@link #put} is
 * one {@code INSERT ... ON CONFLICT (content_id, kind) DO UPDATE}: a re-run replaces the row, whoever writes first.
 */
public final class PostgresDerivativeStore implements DerivativeStore {
    private final DSLContext dsl;

    public PostgresDerivativeStore(DSLContext dsl) {
        this.dsl = Objects.requireNonNull(dsl, "dsl");
    }

    @Override
    public void put(Derivative d) {
        Objects.requireNonNull(d, "derivative");
        DerivativesRecord row = dsl.newRecord(DERIVATIVES);
        row.setContentId(d.content().hex());
        row.setKind(d.kind().wire());
        row.setStatus(d.status().wire());
        row.setProgressPercent((short) d.progressPercent());
        row.setCodec(d.codec().orElse(null));
        row.setBitrateBps(d.bitrateBps().isPresent() ? d.bitrateBps().getAsLong() : null);
        row.setWidth(d.size().map(Dimensions::width).orElse(null));
        row.setHeight(d.size().map(Dimensions::height).orElse(null));
        row.setDurationMs(d.duration().map(Duration::toMillis).orElse(null));
        row.setSizeBytes(d.bytes().isPresent() ? d.bytes().getAsLong() : null);
        row.setBlobId(d.blob().map(ContentId::hex).orElse(null));
        row.setWrappedKey(d.wrappedKey().map(WrappedKey::toBytes).orElse(null));
        row.setFailureReason(d.failureReason().orElse(null));
        row.setCreatedAt(d.updatedAt());
        row.setUpdatedAt(d.updatedAt());
        dsl.insertInto(DERIVATIVES)
                .set(row)
                .onConflict(DERIVATIVES.CONTENT_ID, DERIVATIVES.KIND)
                .doUpdate()
                .set(DERIVATIVES.STATUS, row.getStatus())
                .set(DERIVATIVES.PROGRESS_PERCENT, row.getProgressPercent())
                .set(DERIVATIVES.CODEC, row.getCodec())
                .set(DERIVATIVES.BITRATE_BPS, row.getBitrateBps())
                .set(DERIVATIVES.WIDTH, row.getWidth())
                .set(DERIVATIVES.HEIGHT, row.getHeight())
                .set(DERIVATIVES.DURATION_MS, row.getDurationMs())
                .set(DERIVATIVES.SIZE_BYTES, row.getSizeBytes())
                .set(DERIVATIVES.BLOB_ID, row.getBlobId())
                .set(DERIVATIVES.WRAPPED_KEY, row.getWrappedKey())
                .set(DERIVATIVES.FAILURE_REASON, row.getFailureReason())
                .set(DERIVATIVES.UPDATED_AT, row.getUpdatedAt())
                .execute();
    }

    @Override
    public List<Derivative> of(ContentId content) {
        return dsl
                .selectFrom(DERIVATIVES)
                .where(DERIVATIVES.CONTENT_ID.eq(content.hex()))
                .fetch(PostgresDerivativeStore::derivative)
                .stream()
                .sorted(Comparator.comparing(Derivative::kind))
                .toList();
    }

    /**
     * The blobs of renditions (every kind but the original, whose blob is the content's own): blobs this node made,
     * not contents it announces.
     */
    public Set<ContentId> renditionBlobs() {
        return dsl
                .select(DERIVATIVES.BLOB_ID)
                .from(DERIVATIVES)
                .where(DERIVATIVES.BLOB_ID.isNotNull().and(DERIVATIVES.KIND.ne(DerivativeKind.ORIGINAL.wire())))
                .fetch(DERIVATIVES.BLOB_ID)
                .stream()
                .map(ContentId::fromHex)
                .collect(Collectors.toUnmodifiableSet());
    }

    private static Derivative derivative(DerivativesRecord r) {
        Optional<Dimensions> size = r.getWidth() == null || r.getHeight() == null
                ? Optional.empty()
                : Optional.of(new Dimensions(r.getWidth(), r.getHeight()));
        return new Derivative(
                ContentId.fromHex(r.getContentId()),
                DerivativeKind.valueOf(r.getKind().toUpperCase(Locale.ROOT)),
                DerivativeStatus.valueOf(r.getStatus().toUpperCase(Locale.ROOT)),
                r.getProgressPercent(),
                Optional.ofNullable(r.getCodec()),
                r.getBitrateBps() == null ? OptionalLong.empty() : OptionalLong.of(r.getBitrateBps()),
                size,
                Optional.ofNullable(r.getDurationMs()).map(Duration::ofMillis),
                r.getSizeBytes() == null ? OptionalLong.empty() : OptionalLong.of(r.getSizeBytes()),
                Optional.ofNullable(r.getBlobId()).map(ContentId::fromHex),
                Optional.ofNullable(r.getWrappedKey()).map(WrappedKey::fromBytes),
                Optional.ofNullable(r.getFailureReason()),
                r.getUpdatedAt());
    }
}
