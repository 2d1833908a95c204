package dev.cairn.adapters.postgres;

import static dev.cairn.adapters.postgres.schema.Tables.LICENSES;

import dev.cairn.adapters.postgres.schema.tables.records.LicensesRecord;
import dev.cairn.core.content.License;
import dev.cairn.core.content.LicenseSource;
import dev.cairn.core.content.LicenseStore;
import dev.cairn.core.id.ContentId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Licenses in the {@code licenses} table, one per user and content (its unique constraint). A grant is {@code INSERT
 * ... ON CONFLICT DO NOTHING} on that constraint, so a payment delivered twice, even on two connections at once,
 * grants once and the first license stays as it was. A payment buys at most one license (another unique constraint):
 * granting a second license with the same payment id is a {@link org.jooq.exception.DataAccessException}.
 */
public final class PostgresLicenseStore implements LicenseStore {
    private final DSLContext dsl;

    public PostgresLicenseStore(DSLContext dsl) {
        this.dsl = Objects.requireNonNull(dsl, "dsl");
    }

    @Override
    public Optional<License> find(long userId, ContentId content) {
        return dsl.selectFrom(LICENSES)
                .where(LICENSES.USER_ID.eq(userId))
                .and(LICENSES.CONTENT_ID.eq(content.hex()))
                .fetchOptional(PostgresLicenseStore::toLicense);
    }

    @Override
    public boolean grant(License license) {
        Objects.requireNonNull(license, "license");
        return dsl.insertInto(LICENSES)
                        .set(LICENSES.USER_ID, license.userId())
                        .set(LICENSES.CONTENT_ID, license.content().hex())
                        .set(LICENSES.GRANTED_BY, license.source().wire())
                        .set(
                                LICENSES.PAYMENT_ID,
                                license.paymentId().isPresent()
                                        ? license.paymentId().getAsLong()
                                        : null)
                        .set(LICENSES.GRANTED_AT, license.grantedAt())
                        .onConflict(LICENSES.USER_ID, LICENSES.CONTENT_ID)
                        .doNothing()
                        .execute()
                == 1;
    }

    @Override
    public boolean revoke(long userId, ContentId content) {
        return dsl.deleteFrom(LICENSES)
                        .where(LICENSES.USER_ID.eq(userId))
                        .and(LICENSES.CONTENT_ID.eq(content.hex()))
                        .execute()
                == 1;
    }

    @Override
    public List<License> heldBy(long userId, Optional<Instant> before, int limit) {
        Objects.requireNonNull(before, "before");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0: " + limit);
        }
        // The unique index on (user_id, content_id) finds the user's licenses; one user's few are sorted in memory.
        return dsl.selectFrom(LICENSES)
                .where(LICENSES.USER_ID.eq(userId))
                .and(before.map(LICENSES.GRANTED_AT::lt).orElse(DSL.noCondition()))
                .orderBy(LICENSES.GRANTED_AT.desc(), LICENSES.CONTENT_ID.desc())
                .limit(limit)
                .fetch(PostgresLicenseStore::toLicense);
    }

    private static License toLicense(LicensesRecord row) {
        return new License(
                row.getUserId(),
                ContentId.fromHex(row.getContentId()),
                LicenseSource.fromWire(row.getGrantedBy()),
                row.getPaymentId() == null ? OptionalLong.empty() : OptionalLong.of(row.getPaymentId()),
                row.getGrantedAt());
    }
}
