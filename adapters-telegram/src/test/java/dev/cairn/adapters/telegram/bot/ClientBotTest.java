package dev.cairn.adapters.telegram.bot;

import static dev.cairn.adapters.telegram.bot.ClientFixture.BUYER;
import static dev.cairn.adapters.telegram.bot.ClientFixture.OWNER;
import static dev.cairn.adapters.telegram.bot.ClientFixture.TON_ADDRESS;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.cairn.adapters.telegram.FakeBotApi.Call;
import dev.cairn.core.content.ContentRecord;
import dev.cairn.core.content.view.PaymentMethod;
import dev.cairn.core.content.view.Prices;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClientBotTest {
    static final Prices FIFTY_STARS_OR_ONE_AND_A_HALF_TON = Prices.of(50, 1_500_000_000L);

    ClientFixture node;

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void aDeepLinkShowsTheCardWithAnOpenButtonAndBothBuyButtons() throws Exception {
        node = new ClientFixture().start();
        ContentRecord film = node.content("Night Film", FIFTY_STARS_OR_ONE_AND_A_HALF_TON);

        node.telegram.pushText(BUYER, "/start " + film.id().hex());

        Call reply = node.telegram.awaitCall("sendMessage");
        assertThat(reply.param("chat_id")).isEqualTo(String.valueOf(BUYER));
        assertThat(reply.param("text")).contains("Night Film", "Video", "waiting to be processed");
        JsonArray rows = keyboard(reply);
        assertThat(button(rows, 0, 0).getAsJsonObject("web_app").get("url").getAsString())
                .isEqualTo("https://cairn.example/content/" + film.id().hex());
        assertThat(button(rows, 1, 0).get("text").getAsString()).isEqualTo("Buy for 50 Stars");
        assertThat(button(rows, 1, 0).get("callback_data").getAsString())
                .isEqualTo(BuyButton.data(PaymentMethod.STARS, film.id()))
                .startsWith("buy:stars:")
                .hasSizeLessThanOrEqualTo(64);
        assertThat(button(rows, 1, 1).get("text").getAsString()).isEqualTo("Buy for 1.5 TON");
        assertThat(button(rows, 1, 1).get("callback_data").getAsString()).startsWith("buy:ton:");
    }

    @Test
    void theOwnerAndALicenseeAreToldTheyOwnItAndOfferedNoPurchase() throws Exception {
        node = new ClientFixture().start();
        ContentRecord film = node.content("Night Film", FIFTY_STARS_OR_ONE_AND_A_HALF_TON);

        node.telegram.pushText(OWNER, "/start " + film.id().hex());

        Call reply = node.telegram.awaitCall("sendMessage");
        assertThat(reply.param("text")).contains("You uploaded this, so you own it.");
        assertThat(keyboard(reply)).hasSize(1);
    }

    @Test
    void withoutATonAddressOnlyTheStarsButtonIsOffered() throws Exception {
        node = new ClientFixture(Optional.empty()).start();
        ContentRecord film = node.content("Night Film", FIFTY_STARS_OR_ONE_AND_A_HALF_TON);

        node.telegram.pushText(BUYER, "/start " + film.id().hex());

        JsonArray buy = keyboard(node.telegram.awaitCall("sendMessage")).get(1).getAsJsonArray();
        assertThat(buy).hasSize(1);
        assertThat(buy.get(0).getAsJsonObject().get("callback_data").getAsString())
                .startsWith("buy:stars:");
    }

    @Test
    void startWithoutAnArgumentWelcomesWithTheMiniAppButton() throws Exception {
        node = new ClientFixture().start();

        node.telegram.pushText(BUYER, "/start");

        Call reply = node.telegram.awaitCall("sendMessage");
        assertThat(reply.param("text")).startsWith("Welcome to Cairn!");
        assertThat(button(keyboard(reply), 0, 0)
                        .getAsJsonObject("web_app")
                        .get("url")
                        .getAsString())
                .isEqualTo("https://cairn.example/mine");
    }

    @Test
    void aMalformedOrUnknownIdGetsAClearMessage() throws Exception {
        node = new ClientFixture().start();

        node.telegram.pushText(BUYER, "/start not-a-content");
        node.telegram.pushText(BUYER, "/start " + "ab".repeat(32));

        assertThat(node.telegram
                        .awaitCall("sendMessage", 1, Duration.ofSeconds(10))
                        .param("text"))
                .isEqualTo("That link does not point to a content. Please check that it was copied whole.");
        assertThat(node.telegram
                        .awaitCall("sendMessage", 2, Duration.ofSeconds(10))
                        .param("text"))
                .isEqualTo("There is no such content here. It may have been removed.");
    }

    @Test
    void paysupportTellsHowToGetHelp() throws Exception {
        node = new ClientFixture().start();

        node.telegram.pushText(BUYER, "/paysupport");

        assertThat(node.telegram.awaitCall("sendMessage").param("text"))
                .startsWith("Need help with a payment? Please write to @cairn_help and say which content");
    }

    @Test
    void buyingWithStarsSendsAnXtrInvoiceWhosePayloadIsTheIntent() throws Exception {
        node = new ClientFixture().start();
        ContentRecord film = node.content("Night Film", FIFTY_STARS_OR_ONE_AND_A_HALF_TON);

        String query = node.telegram.pushCallback(BUYER, BuyButton.data(PaymentMethod.STARS, film.id()));

        Call invoice = node.telegram.awaitCall("sendInvoice");
        assertThat(invoice.param("chat_id")).isEqualTo(String.valueOf(BUYER));
        assertThat(invoice.param("currency")).isEqualTo("XTR");
        assertThat(invoice.param("provider_token")).isEmpty();
        assertThat(invoice.param("title")).isEqualTo("Night Film");
        JsonArray prices = invoice.json("prices").getAsJsonArray();
        assertThat(prices).hasSize(1);
        assertThat(prices.get(0).getAsJsonObject().get("amount").getAsLong()).isEqualTo(50);
        var intent = node.intent(invoice.param("payload"));
        assertThat(intent.userId()).isEqualTo(BUYER);
        assertThat(intent.content()).isEqualTo(film.id());
        assertThat(intent.amount()).isEqualTo(50);
        assertThat(node.telegram.awaitCall("answerCallbackQuery").param("callback_query_id"))
                .isEqualTo(query);
    }

    @Test
    void aRefusedPurchaseIsAnsweredOnTheButton() throws Exception {
        node = new ClientFixture().start();
        ContentRecord film = node.content("Night Film", FIFTY_STARS_OR_ONE_AND_A_HALF_TON);

        node.telegram.pushCallback(OWNER, BuyButton.data(PaymentMethod.STARS, film.id()));

        Call answer = node.telegram.awaitCall("answerCallbackQuery");
        assertThat(answer.param("text")).isEqualTo("This is your own upload; it is yours already.");
        assertThat(answer.param("show_alert")).isEqualTo("true");
        assertThat(node.telegram.calls("sendInvoice")).isEmpty();
    }

    @Test
    void aButtonWhoseInvoiceTelegramRefusedIsStillAnswered() throws Exception {
        node = new ClientFixture();
        node.telegram.failNext("sendInvoice", 400, "Bad Request: CURRENCY_INVALID");
        node.telegram.failNext("sendInvoice", 400, "Bad Request: CURRENCY_INVALID");
        node.telegram.failNext("sendInvoice", 400, "Bad Request: CURRENCY_INVALID");
        node.start();
        ContentRecord film = node.content("Night Film", FIFTY_STARS_OR_ONE_AND_A_HALF_TON);

        node.telegram.pushCallback(BUYER, BuyButton.data(PaymentMethod.STARS, film.id()));

        assertThat(node.telegram.awaitCall("answerCallbackQuery").param("text"))
                .isEqualTo("Sorry, that did not work. Please try again in a moment.");
    }

    @Test
    void buyingWithTonGivesTheAmountTheAddressAndTheCommentToSend() throws Exception {
        node = new ClientFixture().start();
        ContentRecord film = node.content("Night Film", FIFTY_STARS_OR_ONE_AND_A_HALF_TON);

        node.telegram.pushCallback(BUYER, BuyButton.data(PaymentMethod.TON, film.id()));

        String text = node.telegram.awaitCall("sendMessage").param("text");
        String intent = intentIdIn(text);
        assertThat(node.intent(intent).method()).isEqualTo(PaymentMethod.TON);
        assertThat(text)
                .contains("send 1.5 TON to\n" + TON_ADDRESS, "\n" + intent + "\n")
                .contains("ton://transfer/" + TON_ADDRESS + "?amount=1500000000&text=" + intent);
        node.telegram.awaitCall("answerCallbackQuery");
    }

    @Test
    void aPreCheckoutOfAFreshIntentIsAccepted() throws Exception {
        node = new ClientFixture().start();
        String payload = starsInvoice(node.content("Night Film", Prices.of(50, 1)));

        String query = node.telegram.pushPreCheckout(BUYER, "XTR", 50, payload);

        Call answer = node.telegram.awaitCall("answerPreCheckoutQuery");
        assertThat(answer.param("pre_checkout_query_id")).isEqualTo(query);
        assertThat(answer.param("ok")).isEqualTo("true");
    }

    @Test
    void aPreCheckoutOfAnExpiredIntentIsRefused() throws Exception {
        node = new ClientFixture().start();
        String payload = starsInvoice(node.content("Night Film", Prices.of(50, 1)));
        node.clock.advance(ClientFixture.INTENT_TTL.plusSeconds(1));

        node.telegram.pushPreCheckout(BUYER, "XTR", 50, payload);

        Call answer = node.telegram.awaitCall("answerPreCheckoutQuery");
        assertThat(answer.param("ok")).isEqualTo("false");
        assertThat(answer.param("error_message")).contains("expired");
    }

    @Test
    void aPreCheckoutAfterThePriceChangedIsRefused() throws Exception {
        node = new ClientFixture().start();
        ContentRecord film = node.content("Night Film", Prices.of(50, 1));
        String payload = starsInvoice(film);
        node.prices.set(film.id(), Prices.of(80, 1));

        node.telegram.pushPreCheckout(BUYER, "XTR", 50, payload);

        Call answer = node.telegram.awaitCall("answerPreCheckoutQuery");
        assertThat(answer.param("ok")).isEqualTo("false");
        assertThat(answer.param("error_message")).isEqualTo("The price has changed. Please start the purchase again.");
    }

    @Test
    void aPreCheckoutOfABuyerWhoOwnsItAlreadyIsRefused() throws Exception {
        node = new ClientFixture().start();
        ContentRecord film = node.content("Night Film", Prices.of(50, 1));
        String first = starsInvoice(film);
        String second = starsInvoice(film, 2);
        node.telegram.pushSuccessfulPayment(BUYER, "XTR", 50, first, "charge-1");
        node.telegram.awaitDrained(Duration.ofSeconds(10));

        node.telegram.pushPreCheckout(BUYER, "XTR", 50, second);

        Call answer = node.telegram.awaitCall("answerPreCheckoutQuery");
        assertThat(answer.param("ok")).isEqualTo("false");
        assertThat(answer.param("error_message")).isEqualTo("You already own this content.");
    }

    @Test
    void aPreCheckoutCoreCannotAnswerIsRefusedAtOnce() throws Exception {
        node = new ClientFixture().start();
        String payload = starsInvoice(node.content("Night Film", Prices.of(50, 1)));
        node.prices.down = true;

        node.telegram.pushPreCheckout(BUYER, "XTR", 50, payload);

        Call answer = node.telegram.awaitCall("answerPreCheckoutQuery");
        assertThat(answer.param("ok")).isEqualTo("false");
        assertThat(answer.param("error_message"))
                .isEqualTo("Payments are not available right now. Please try again in a few minutes.");
    }

    @Test
    void aSuccessfulPaymentDeliveredTwiceGrantsTheLicenseOnceAndTellsTheBuyerOnce() throws Exception {
        node = new ClientFixture().start();
        ContentRecord film = node.content("Night Film", Prices.of(50, 1));
        String payload = starsInvoice(film);

        node.telegram.pushSuccessfulPayment(BUYER, "XTR", 50, payload, "charge-1");
        node.telegram.pushSuccessfulPayment(BUYER, "XTR", 50, payload, "charge-1");
        node.telegram.awaitDrained(Duration.ofSeconds(10));

        assertThat(node.licenses.has(BUYER, film.id())).isTrue();
        assertThat(node.intent(payload).licensed()).isTrue();
        List<Call> told = node.telegram.calls("sendMessage");
        assertThat(told).hasSize(1);
        assertThat(told.get(0).param("text"))
                .isEqualTo("Thank you! Your payment arrived and \"Night Film\" is yours now.");
        assertThat(button(keyboard(told.get(0)), 0, 0)
                        .getAsJsonObject("web_app")
                        .get("url")
                        .getAsString())
                .endsWith("/content/" + film.id().hex());
        assertThat(node.telegram.calls("refundStarPayment")).isEmpty();
    }

    @Test
    void aPaymentNamingNoPurchaseIsRefundedAndThePayerTold() throws Exception {
        node = new ClientFixture().start();

        node.telegram.pushSuccessfulPayment(BUYER, "XTR", 50, "nosuchintentnosuchintentab", "charge-9");

        Call refund = node.telegram.awaitCall("refundStarPayment");
        assertThat(refund.param("user_id")).isEqualTo(String.valueOf(BUYER));
        assertThat(refund.param("telegram_payment_charge_id")).isEqualTo("charge-9");
        assertThat(node.telegram.awaitCall("sendMessage").param("text"))
                .isEqualTo("This payment could not be matched to a purchase. Your 50 Stars have been refunded.");
    }

    @Test
    void aSecondChargeForAPaidPurchaseIsRefunded() throws Exception {
        node = new ClientFixture().start();
        String payload = starsInvoice(node.content("Night Film", Prices.of(50, 1)));
        node.telegram.pushSuccessfulPayment(BUYER, "XTR", 50, payload, "charge-1");

        node.telegram.pushSuccessfulPayment(BUYER, "XTR", 50, payload, "charge-2");

        assertThat(node.telegram.awaitCall("refundStarPayment").param("telegram_payment_charge_id"))
                .isEqualTo("charge-2");
    }

    @Test
    void aRefundedPaymentRevokesTheLicenseAndTellsTheBuyer() throws Exception {
        node = new ClientFixture().start();
        ContentRecord film = node.content("Night Film", Prices.of(50, 1));
        String payload = starsInvoice(film);
        node.telegram.pushSuccessfulPayment(BUYER, "XTR", 50, payload, "charge-1");
        node.telegram.awaitCall("sendMessage");

        node.telegram.pushRefundedPayment(BUYER, "XTR", 50, payload, "charge-1");

        assertThat(node.telegram
                        .awaitCall("sendMessage", 2, Duration.ofSeconds(10))
                        .param("text"))
                .isEqualTo("Your purchase of \"Night Film\" was refunded (50 Stars), so it is no longer unlocked for"
                        + " you.");
        assertThat(node.licenses.has(BUYER, film.id())).isFalse();
    }

    @Test
    void aBuyerWhoBlockedTheBotStillGetsTheLicense() throws Exception {
        node = new ClientFixture().start();
        ContentRecord film = node.content("Night Film", Prices.of(50, 1));
        String payload = starsInvoice(film);
        node.telegram.block(BUYER);

        node.telegram.pushSuccessfulPayment(BUYER, "XTR", 50, payload, "charge-1");
        node.telegram.awaitDrained(Duration.ofSeconds(10));

        assertThat(node.licenses.has(BUYER, film.id())).isTrue();
    }

    /** The buyer presses "Buy for N Stars"; returns the invoice's payload. */
    private String starsInvoice(ContentRecord content) throws Exception {
        return starsInvoice(content, 1);
    }

    private String starsInvoice(ContentRecord content, int nth) throws Exception {
        node.telegram.pushCallback(BUYER, BuyButton.data(PaymentMethod.STARS, content.id()));
        String payload = node.telegram
                .awaitCall("sendInvoice", nth, Duration.ofSeconds(10))
                .param("payload");
        node.telegram.awaitDrained(Duration.ofSeconds(10));
        return payload;
    }

    private static String intentIdIn(String text) {
        List<String> ids = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.matches("[a-z2-7]{26}")) {
                ids.add(line);
            }
        }
        assertThat(ids).hasSize(1);
        return ids.get(0);
    }

    static JsonArray keyboard(Call call) {
        return call.json("reply_markup").getAsJsonObject().getAsJsonArray("inline_keyboard");
    }

    static JsonObject button(JsonArray rows, int row, int column) {
        return rows.get(row).getAsJsonArray().get(column).getAsJsonObject();
    }
}
