package dev.cairn.core.payment;

import dev.cairn.core.content.view.PaymentMethod;
import dev.cairn.core.id.ContentId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: purchase intents and their payments ({@code payments} in PostgreSQL). Every change is one conditional step,
 * so two deliveries of one payment racing on two threads (or two nodes sharing a database) settle it once: a charge
 * id settles at most one intent, an intent is paid by at most one charge.
 */
public interface PaymentStore {
    /** Records a new pending intent and returns it with the store's {@link PurchaseIntent#key()}. */
    PurchaseIntent create(
            String id,
            long userId,
            ContentId content,
            PaymentMethod method,
            long amount,
            Instant createdAt,
            Instant expiresAt);

    Optional<PurchaseIntent> find(String id);

    /** The intent {@code chargeId} settled, if any. */
    Optional<PurchaseIntent> findByCharge(String chargeId);

    /**
     * Marks intent {@code id} paid by {@code chargeId} at {@code paidAt} if it is pending, expired or failed and the
     * charge settled nothing yet.
     *
     * @return true if this call settled it; false if it was already paid or refunded, is unknown, or the charge id is
     *     taken (read it again to learn which)
     */
    boolean settle(String id, String chargeId, Instant paidAt);

    /** Notes that a paid intent's license has been granted; false if it is not paid or was noted already. */
    boolean markLicensed(String id);

    /** Marks a paid intent refunded; false if it is not paid. */
    boolean markRefunded(String id);

    /** Paid intents whose license was never noted granted, oldest payment first, at most {@code limit}. */
    List<PurchaseIntent> paidUnlicensed(int limit);

    /** Marks pending intents whose expiry is at or before {@code now} expired; returns how many. */
    int expire(Instant now);
}
