package dev.cairn.core.payment;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A payment that arrived: a Stars {@code successful_payment} or a TON transfer.
 *
 * @param intentId the invoice payload or the transfer's comment
 * @param payer the Telegram user who paid (Stars); empty for TON, where the sender is a wallet
 * @param currency {@code XTR} or {@code TON}
 * @param amount what arrived, in the currency's smallest unit
 * @param chargeId {@code telegram_payment_charge_id}, or the TON transaction hash: settles at most one intent
 */
public record Payment(String intentId, OptionalLong payer, String currency, long amount, String chargeId, Instant at) {
    public Payment {
        Objects.requireNonNull(intentId, "intentId");
        Objects.requireNonNull(payer, "payer");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(chargeId, "chargeId");
        Objects.requireNonNull(at, "at");
        if (chargeId.isBlank()) {
            throw new IllegalArgumentException("a payment has a charge id");
        }
    }
}
