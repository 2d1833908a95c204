package dev.cairn.adapters.http.view;

import static dev.cairn.adapters.http.view.ViewNode.ADA;
import static dev.cairn.adapters.http.view.ViewNode.BO;
import static dev.cairn.adapters.http.view.ViewNode.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.adapters.http.server.TestHttp;
import dev.cairn.adapters.http.upload.TusServer;
import dev.cairn.core.content.ContentKind;
import dev.cairn.core.content.ContentRecord;
import dev.cairn.core.content.view.Prices;
import dev.cairn.core.payment.Payment;
import dev.cairn.core.payment.PaymentStatus;
import dev.cairn.core.payment.Settlement;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The purchase API over real HTTP: start, poll, refund; every refusal named. Ada owns the song, Bo buys it. */
class PurchaseRoutesTest {
    private static final long CAROL = 99;

    @TempDir
    Path dataDir;

    private ViewNode node;
    private ContentRecord song;

    @BeforeEach
    void start() throws IOException {
        node = new ViewNode(dataDir);
        song = node.content(ADA, ContentKind.AUDIO, "audio/mpeg", bytes(500, 1));
        node.prices.set(song.id(), Prices.of(50, 1_500_000_000L));
    }

    @AfterEach
    void stop() throws IOException {
        node.close();
    }

    private HttpResponse<String> post(String path, long user, String body) {
        var request = HttpRequest.newBuilder(node.http.uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (user != 0) {
            request.header("Authorization", TusServer.tma(user));
        }
        return node.http.send(request.build());
    }

    private HttpResponse<String> buy(long user, String method) {
        return post(
                "/api/v1/purchases",
                user,
                "{\"content_id\":\"" + song.id().hex() + "\",\"method\":\"" + method + "\"}");
    }

    private HttpResponse<String> show(String intent, long user) {
        return node.http.get("/api/v1/purchases/" + intent, java.util.Map.of("Authorization", TusServer.tma(user)));
    }

    private static String code(HttpResponse<String> response) {
        return TestHttp.json(response).get("code").asText();
    }

    @Test
    void aStarsPurchaseComesWithItsInvoiceLinkAndBecomesLicensedOncePaid() {
        var created = buy(BO, "stars");

        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode body = TestHttp.json(created);
        String id = body.get("intent_id").asText();
        assertThat(id).matches("[a-z2-7]{26}");
        assertThat(body.get("content_id").asText()).isEqualTo(song.id().hex());
        assertThat(body.get("method").asText()).isEqualTo("stars");
        assertThat(body.get("amount").asText()).isEqualTo("50");
        assertThat(body.get("currency").asText()).isEqualTo("XTR");
        assertThat(body.get("status").asText()).isEqualTo("pending");
        assertThat(body.get("licensed").asBoolean()).isFalse();
        assertThat(body.get("invoice_link").asText()).isEqualTo("https://t.me/$" + id);
        assertThat(body.has("ton")).isFalse();
        assertThat(node.stars.titles).containsExactly("A audio");

        node.purchases.paid(new Payment(id, OptionalLong.of(BO), "XTR", 50, "charge-1", node.server.clock.instant()));

        JsonNode paid = TestHttp.json(show(id, BO));
        assertThat(paid.get("status").asText()).isEqualTo("paid");
        assertThat(paid.get("licensed").asBoolean()).isTrue();
        assertThat(paid.has("invoice_link")).isFalse();
        assertThat(TestHttp.json(node.view(song.id().hex(), BO)).get("license").asText())
                .isEqualTo("licensed");
    }

    @Test
    void aTonPurchaseSaysWhereAndWithWhichCommentToPay() {
        JsonNode body = TestHttp.json(buy(BO, "ton"));
        String id = body.get("intent_id").asText();

        assertThat(body.get("amount").asText()).isEqualTo("1500000000");
        assertThat(body.get("currency").asText()).isEqualTo("TON");
        assertThat(body.has("invoice_link")).isFalse();
        JsonNode ton = body.get("ton");
        assertThat(ton.get("address").asText()).isEqualTo(ViewNode.TON_WALLET);
        assertThat(ton.get("amount").asText()).isEqualTo("1500000000");
        assertThat(ton.get("comment").asText()).isEqualTo(id);
        assertThat(ton.get("transfer_url").asText())
                .isEqualTo("ton://transfer/" + ViewNode.TON_WALLET + "?amount=1500000000&text=" + id);
        assertThat(node.payments.find(id)).isPresent();
    }

    @Test
    void refusalsAreNamedAndCreateNothing() {
        assertThat(buy(ADA, "stars").statusCode()).isEqualTo(409);
        assertThat(code(buy(ADA, "stars"))).isEqualTo("own_content");
        assertThat(buy(0, "stars").statusCode()).isEqualTo(401);
        assertThat(code(buy(BO, "euro"))).isEqualTo("invalid_method");
        assertThat(code(post("/api/v1/purchases", BO, "{\"content_id\":\"zz\",\"method\":\"stars\"}")))
                .isEqualTo("malformed_content_id");
        var missing =
                post("/api/v1/purchases", BO, "{\"content_id\":\"" + "00".repeat(32) + "\",\"method\":\"stars\"}");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(code(missing)).isEqualTo("content_not_found");
        assertThat(post("/api/v1/purchases", BO, "{\"method\":\"stars\"}").statusCode())
                .isEqualTo(400);
        assertThat(post("/api/v1/purchases", BO, "not json").statusCode()).isEqualTo(400);
        assertThat(post("/api/v1/purchases", BO, "{\"content_id\":\"x\",\"method\":\"ton\",\"tip\":1}")
                        .statusCode())
                .isEqualTo(400);

        node.prices.set(song.id(), new Prices(OptionalLong.empty(), OptionalLong.of(5)));
        assertThat(code(buy(BO, "stars"))).isEqualTo("not_for_sale");

        node.license(BO, song.id());
        assertThat(code(buy(BO, "ton"))).isEqualTo("already_licensed");
    }

    @Test
    void whenTelegramIsDownTheAnswerIs503() {
        node.stars.down = true;
        var response = buy(BO, "stars");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(code(response)).isEqualTo("payments_unavailable");
        assertThat(TestHttp.json(response).get("message").asText()).contains("502");
    }

    @Test
    void aPurchaseIsItsBuyerSAlone() {
        String id = TestHttp.json(buy(BO, "stars")).get("intent_id").asText();
        assertThat(show(id, BO).statusCode()).isEqualTo(200);
        assertThat(show(id, CAROL).statusCode()).isEqualTo(404);
        assertThat(code(show(id, CAROL))).isEqualTo("purchase_not_found");
        assertThat(code(show("a".repeat(26), BO))).isEqualTo("purchase_not_found");
        assertThat(code(show("NOT-AN-ID", BO))).isEqualTo("malformed_intent_id");
    }

    @Test
    void theOwnerRefundsAStarsSaleWhichRevokesTheLicense() {
        String id = TestHttp.json(buy(BO, "stars")).get("intent_id").asText();
        assertThat(node.purchases.paid(
                        new Payment(id, OptionalLong.of(BO), "XTR", 50, "charge-9", node.server.clock.instant())))
                .isEqualTo(Settlement.LICENSED);

        assertThat(code(post("/api/v1/purchases/" + id + "/refund", BO, ""))).isEqualTo("not_owner");
        var refunded = post("/api/v1/purchases/" + id + "/refund", ADA, "");

        assertThat(refunded.statusCode()).isEqualTo(200);
        assertThat(TestHttp.json(refunded).get("status").asText()).isEqualTo("refunded");
        assertThat(node.stars.refunds).containsExactly(BO + ":charge-9");
        assertThat(node.licenses.has(BO, song.id())).isFalse();
        assertThat(node.payments.find(id).orElseThrow().status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(code(post("/api/v1/purchases/" + id + "/refund", ADA, ""))).isEqualTo("purchase_conflict");
        assertThat(post("/api/v1/purchases/" + "b".repeat(26) + "/refund", ADA, "")
                        .statusCode())
                .isEqualTo(404);
    }
}
