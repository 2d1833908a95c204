package dev.cairn.app.config;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Purchases. Stars need only the client bot ({@code TELEGRAM_CLIENT_BOT_TOKEN}); TON needs a receiving wallet and a
 * toncenter-compatible API to watch it.
 *
 * @param intentTtl {@code PURCHASE_INTENT_TTL_SEC}: how long a started purchase may be paid by Stars
 * @param ton the TON settings, when {@code TON_RECEIVING_ADDRESS} is set
 * @param supportContact {@code PAYMENT_SUPPORT_CONTACT}: whom the client bot's {@code /paysupport} sends payers to
 */
public record PaymentConfig(Duration intentTtl, Optional<Ton> ton, Optional<String> supportContact) {
    public PaymentConfig {
        Objects.requireNonNull(intentTtl, "intentTtl");
        Objects.requireNonNull(ton, "ton");
        Objects.requireNonNull(supportContact, "supportContact");
    }

    /**
     * @param address {@code TON_RECEIVING_ADDRESS}: the wallet purchases pay into
     * @param apiUrl {@code TON_API_URL}: a toncenter-compatible v2 API, e.g. {@code https://host/api/v2}
     * @param apiKey {@code TON_API_KEY}: sent as {@code X-API-Key} when set; printed masked
     * @param pollInterval {@code TON_POLL_INTERVAL_SEC}: how often the wallet's new transactions are read
     * @param feeToleranceNanotons {@code TON_FEE_TOLERANCE_NANOTONS}: how far short of a price a transfer may fall
     */
    public record Ton(
            String address, URI apiUrl, Optional<String> apiKey, Duration pollInterval, long feeToleranceNanotons) {
        public Ton {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(apiUrl, "apiUrl");
            Objects.requireNonNull(apiKey, "apiKey");
            Objects.requireNonNull(pollInterval, "pollInterval");
        }

        @Override
        public String toString() {
            return "Ton[address=" + address + ", apiUrl=" + apiUrl + ", apiKey="
                    + apiKey.map(k -> "****").orElse("(none)") + ", pollInterval=" + pollInterval
                    + ", feeToleranceNanotons=" + feeToleranceNanotons + "]";
        }
    }
}
