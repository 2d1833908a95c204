package dev.cairn.core.payment;

import dev.cairn.core.content.view.PaymentMethod;
import dev.cairn.core.id.ContentId;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Purchase intents in a map: for embedding without a database, and for tests. Thread-safe. */
public final class InMemoryPaymentStore implements PaymentStore {
    private final Map<String, PurchaseIntent> byId = new HashMap<>();
    private final Map<String, String> idByCharge = new HashMap<>();
    private long nextKey = 1;

    @Override
    public synchronized PurchaseIntent create(
            String id,
            long userId,
            ContentId content,
            PaymentMethod method,
            long amount,
            Instant createdAt,
            Instant expiresAt) {
        PurchaseIntent intent = new PurchaseIntent(
                nextKey,
                id,
                userId,
                content,
                method,
                amount,
                PaymentStatus.PENDING,
                createdAt,
                expiresAt,
                Optional.empty(),
                Optional.empty(),
                false);
        if (byId.putIfAbsent(id, intent) != null) {
            throw new IllegalStateException("an intent " + id + " exists already");
        }
        nextKey++;
        return intent;
    }

    @Override
    public synchronized Optional<PurchaseIntent> find(String id) {
        return Optional.ofNullable(byId.get(Objects.requireNonNull(id, "id")));
    }

    @Override
    public synchronized Optional<PurchaseIntent> findByCharge(String chargeId) {
        return Optional.ofNullable(idByCharge.get(Objects.requireNonNull(chargeId, "chargeId")))
                .map(byId::get);
    }

    @Override
    public synchronized boolean settle(String id, String chargeId, Instant paidAt) {
        Objects.requireNonNull(chargeId, "chargeId");
        Objects.requireNonNull(paidAt, "paidAt");
        PurchaseIntent i = byId.get(id);
        if (i == null || idByCharge.containsKey(chargeId) || !settleable(i.status())) {
            return false;
        }
        byId.put(id, with(i, PaymentStatus.PAID, Optional.of(chargeId), Optional.of(paidAt), false));
        idByCharge.put(chargeId, id);
        return true;
    }

    private static boolean settleable(PaymentStatus status) {
        return status == PaymentStatus.PENDING || status == PaymentStatus.EXPIRED || status == PaymentStatus.FAILED;
    }

    @Override
    public synchronized boolean markLicensed(String id) {
        PurchaseIntent i = byId.get(id);
        if (i == null || i.status() != PaymentStatus.PAID || i.licensed()) {
            return false;
        }
        byId.put(id, with(i, i.status(), i.chargeId(), i.paidAt(), true));
        return true;
    }

    @Override
    public synchronized boolean markRefunded(String id) {
        PurchaseIntent i = byId.get(id);
        if (i == null || i.status() != PaymentStatus.PAID) {
            return false;
        }
        byId.put(id, with(i, PaymentStatus.REFUNDED, i.chargeId(), i.paidAt(), i.licensed()));
        return true;
    }

    @Override
    public synchronized List<PurchaseIntent> paidUnlicensed(int limit) {
        return byId.values().stream()
                .filter(i -> i.status() == PaymentStatus.PAID && !i.licensed())
                .sorted(Comparator.comparing((PurchaseIntent i) -> i.paidAt().orElseThrow())
                        .thenComparingLong(PurchaseIntent::key))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized int expire(Instant now) {
        int n = 0;
        for (PurchaseIntent i : List.copyOf(byId.values())) {
            if (i.status() == PaymentStatus.PENDING && i.expiredAt(now)) {
                byId.put(i.id(), with(i, PaymentStatus.EXPIRED, i.chargeId(), i.paidAt(), false));
                n++;
            }
        }
        return n;
    }

    private static PurchaseIntent with(
            PurchaseIntent i,
            PaymentStatus status,
            Optional<String> chargeId,
            Optional<Instant> paidAt,
            boolean licensed) {
        return new PurchaseIntent(
                i.key(),
                i.id(),
                i.userId(),
                i.content(),
                i.method(),
                i.amount(),
                status,
                i.createdAt(),
                i.expiresAt(),
                chargeId,
                paidAt,
                licensed);
    }
}
