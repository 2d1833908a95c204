package dev.cairn.adapters.telegram.stars;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.adapters.telegram.FakeBotApi;
import dev.cairn.adapters.telegram.bot.BotApi;
import dev.cairn.core.content.view.PaymentMethod;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.payment.PaymentStatus;
import dev.cairn.core.payment.PurchaseIntent;
import dev.cairn.core.payment.PurchaseRefused;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BotStarsGatewayTest {
    static final String TOKEN = "3003:stars-token";
    static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    static final PurchaseIntent INTENT = new PurchaseIntent(
            1,
            "abcdefghijklmnopqrstuvwxyz",
            200,
            ContentId.fromHex("ab".repeat(32)),
            PaymentMethod.STARS,
            75,
            PaymentStatus.PENDING,
            T0,
            T0.plusSeconds(900),
            Optional.empty(),
            Optional.empty(),
            false);

    FakeBotApi telegram;
    BotApi api;
    BotStarsGateway gateway;

    @BeforeEach
    void start() throws IOException {
        telegram = FakeBotApi.start(TOKEN);
        api = new BotApi("client", TOKEN, telegram.baseUrl());
        gateway = new BotStarsGateway(api);
    }

    @AfterEach
    void stop() {
        api.close();
        telegram.close();
    }

    @Test
    void anInvoiceLinkIsInXtrWithTheEmptyProviderTokenAndTheIntentAsPayload() throws Exception {
        String link = gateway.invoiceLink(INTENT, "A rather long title that Telegram would refuse", "Unlocks it");

        assertThat(link).isEqualTo("https://t.me/$invoice-abcdefghijklmnopqrstuvwxyz");
        FakeBotApi.Call call = telegram.awaitCall("createInvoiceLink");
        assertThat(call.param("currency")).isEqualTo("XTR");
        assertThat(call.param("provider_token")).isEmpty();
        assertThat(call.param("payload")).isEqualTo(INTENT.id());
        assertThat(call.param("title")).hasSize(32).endsWith("…");
        assertThat(call.param("description")).isEqualTo("Unlocks it");
        var prices = call.json("prices").getAsJsonArray();
        assertThat(prices).hasSize(1);
        assertThat(prices.get(0).getAsJsonObject().get("amount").getAsLong()).isEqualTo(75);
    }

    @Test
    void aRefundIsRefundStarPaymentOfThePayersCharge() throws Exception {
        gateway.refund(200, "charge-7");

        FakeBotApi.Call call = telegram.awaitCall("refundStarPayment");
        assertThat(call.param("user_id")).isEqualTo("200");
        assertThat(call.param("telegram_payment_charge_id")).isEqualTo("charge-7");
    }

    @Test
    void telegramsRefusalIsUnavailableNamingItsDescription() {
        telegram.failNext("refundStarPayment", 400, "Bad Request: CHARGE_ALREADY_REFUNDED");

        assertThatThrownBy(() -> gateway.refund(200, "charge-7")).isInstanceOfSatisfying(PurchaseRefused.class, e -> {
            assertThat(e.reason()).isEqualTo(PurchaseRefused.Reason.UNAVAILABLE);
            assertThat(e.getMessage())
                    .isEqualTo("could not refund charge charge-7; Telegram refused: 400 Bad Request:"
                            + " CHARGE_ALREADY_REFUNDED");
        });
    }

    @Test
    void anUnreachableBotApiIsUnavailable() {
        var nowhere = new BotStarsGateway(new BotApi("client", TOKEN, URI.create("http://127.0.0.1:1")));

        assertThatThrownBy(() -> nowhere.invoiceLink(INTENT, "T", "D"))
                .isInstanceOfSatisfying(PurchaseRefused.class, e -> {
                    assertThat(e.reason()).isEqualTo(PurchaseRefused.Reason.UNAVAILABLE);
                    assertThat(e.getMessage()).contains("Telegram could not be reached");
                });
    }

    @Test
    void anInvoiceIsOnlyForAStarsIntent() {
        var ton = new PurchaseIntent(
                1,
                INTENT.id(),
                200,
                INTENT.content(),
                PaymentMethod.TON,
                5,
                PaymentStatus.PENDING,
                T0,
                T0.plusSeconds(900),
                Optional.empty(),
                Optional.empty(),
                false);

        assertThatThrownBy(() -> StarsInvoice.of(ton, "T", "D")).isInstanceOf(IllegalArgumentException.class);
    }
}
