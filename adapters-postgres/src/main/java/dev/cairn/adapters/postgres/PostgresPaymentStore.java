package dev.cairn.adapters.postgres;

import static dev.cairn.adapters.postgres.schema.Tables.PAYMENTS;

import dev.cairn.adapters.postgres.schema.tables.records.PaymentsRecord;
import dev.cairn.core.content.view.PaymentMethod;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.payment.PaymentStatus;
import dev.cairn.core.payment.PaymentStore;
import dev.cairn.core.payment.PurchaseIntent;
import dev.cairn.core.port.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * Purchase intents in the {@code payments} table, keyed by {@code payload} (the intent id). Every change is one
 * conditional {@code UPDATE}, so PostgreSQL's row lock orders two racing deliveries: the second re-reads the row the
 * first committed, no longer finds it settleable, and changes nothing. A charge id settles one row at most (the
 * {@code payments_provider_charge_unique} constraint): a second intent settled with it is refused, not raised.
 */
public final class PostgresPaymentStore implements PaymentStore {
    private static final String UNIQUE_VIOLATION = "23505";
    private static final List<String> SETTLEABLE =
            List.of(PaymentStatus.PENDING.wire(), PaymentStatus.EXPIRED.wire(), PaymentStatus.FAILED.wire());

    private final DSLContext dsl;
    private final Clock clock;

    public PostgresPaymentStore(DSLContext dsl, Clock clock) {
        this.dsl = Objects.requireNonNull(dsl, "dsl");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public PurchaseIntent create(
            String id,
            long userId,
            ContentId content,
            PaymentMethod method,
            long amount,
            Instant createdAt,
            Instant expiresAt) {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(method, "method");
        return toIntent(dsl.insertInto(PAYMENTS)
                .set(PAYMENTS.USER_ID, userId)
                .set(PAYMENTS.CONTENT_ID, content.hex())
                .set(PAYMENTS.METHOD, method.wire())
                .set(PAYMENTS.AMOUNT, amount)
                .set(PAYMENTS.CURRENCY, method.currency())
                .set(PAYMENTS.STATUS, PaymentStatus.PENDING.wire())
                .set(PAYMENTS.PAYLOAD, Objects.requireNonNull(id, "id"))
                .set(PAYMENTS.CREATED_AT, Objects.requireNonNull(createdAt, "createdAt"))
                .set(PAYMENTS.UPDATED_AT, createdAt)
                .set(PAYMENTS.EXPIRES_AT, Objects.requireNonNull(expiresAt, "expiresAt"))
                .returning()
                .fetchSingle());
    }

    @Override
    public Optional<PurchaseIntent> find(String id) {
        return dsl.selectFrom(PAYMENTS)
                .where(PAYMENTS.PAYLOAD.eq(Objects.requireNonNull(id, "id")))
                .fetchOptional(PostgresPaymentStore::toIntent);
    }

    @Override
    public Optional<PurchaseIntent> findByCharge(String chargeId) {
        return dsl.selectFrom(PAYMENTS)
                .where(PAYMENTS.PROVIDER_CHARGE_ID.eq(Objects.requireNonNull(chargeId, "chargeId")))
                .fetchOptional(PostgresPaymentStore::toIntent);
    }

    @Override
    public boolean settle(String id, String chargeId, Instant paidAt) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(chargeId, "chargeId");
        Objects.requireNonNull(paidAt, "paidAt");
        try {
            return dsl.update(PAYMENTS)
                            .set(PAYMENTS.STATUS, PaymentStatus.PAID.wire())
                            .set(PAYMENTS.PROVIDER_CHARGE_ID, chargeId)
                            .set(PAYMENTS.PAID_AT, paidAt)
                            .set(PAYMENTS.UPDATED_AT, clock.instant())
                            .where(PAYMENTS.PAYLOAD.eq(id))
                            .and(PAYMENTS.STATUS.in(SETTLEABLE))
                            .execute()
                    == 1;
        } catch (DataAccessException e) {
            if (UNIQUE_VIOLATION.equals(e.sqlState())) {
                // The charge settled another intent already (or is doing so on another connection right now).
                return false;
            }
            throw e;
        }
    }

    @Override
    public boolean markLicensed(String id) {
        Instant now = clock.instant();
        return dsl.update(PAYMENTS)
                        .set(PAYMENTS.LICENSED_AT, now)
                        .set(PAYMENTS.UPDATED_AT, now)
                        .where(PAYMENTS.PAYLOAD.eq(Objects.requireNonNull(id, "id")))
                        .and(PAYMENTS.STATUS.eq(PaymentStatus.PAID.wire()))
                        .and(PAYMENTS.LICENSED_AT.isNull())
                        .execute()
                == 1;
    }

    @Override
    public boolean markRefunded(String id) {
        return dsl.update(PAYMENTS)
                        .set(PAYMENTS.STATUS, PaymentStatus.REFUNDED.wire())
                        .set(PAYMENTS.UPDATED_AT, clock.instant())
                        .where(PAYMENTS.PAYLOAD.eq(Objects.requireNonNull(id, "id")))
                        .and(PAYMENTS.STATUS.eq(PaymentStatus.PAID.wire()))
                        .execute()
                == 1;
    }

    @Override
    public List<PurchaseIntent> paidUnlicensed(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0: " + limit);
        }
        // The partial index payments_paid_unlicensed_idx holds exactly these rows, in this order.
        return dsl.selectFrom(PAYMENTS)
                .where(PAYMENTS.STATUS.eq(PaymentStatus.PAID.wire()))
                .and(PAYMENTS.LICENSED_AT.isNull())
                .orderBy(PAYMENTS.PAID_AT, PAYMENTS.ID)
                .limit(limit)
                .fetch(PostgresPaymentStore::toIntent);
    }

    @Override
    public int expire(Instant now) {
        Objects.requireNonNull(now, "now");
        return dsl.update(PAYMENTS)
                .set(PAYMENTS.STATUS, PaymentStatus.EXPIRED.wire())
                .set(PAYMENTS.UPDATED_AT, now)
                .where(PAYMENTS.STATUS.eq(PaymentStatus.PENDING.wire()))
                .and(PAYMENTS.EXPIRES_AT.le(now))
                .execute();
    }

    private static PurchaseIntent toIntent(PaymentsRecord row) {
        return new PurchaseIntent(
                row.getId(),
                row.getPayload(),
                row.getUserId(),
                ContentId.fromHex(row.getContentId()),
                PaymentMethod.valueOf(row.getMethod().toUpperCase(Locale.ROOT)),
                row.getAmount(),
                PaymentStatus.fromWire(row.getStatus()),
                row.getCreatedAt(),
                row.getExpiresAt(),
                Optional.ofNullable(row.getProviderChargeId()),
                Optional.ofNullable(row.getPaidAt()),
                row.getLicensedAt() != null);
    }
}
