package dev.cairn.app.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.adapters.http.auth.TelegramInitData;
import dev.cairn.adapters.http.upload.TusServer;
import dev.cairn.adapters.postgres.DatabaseSettings;
import dev.cairn.adapters.postgres.PostgresDatabase;
import dev.cairn.adapters.postgres.PostgresPaymentStore;
import dev.cairn.adapters.telegram.FakeBotApi;
import dev.cairn.adapters.telegram.ton.FakeToncenter;
import dev.cairn.app.config.NodeConfig;
import dev.cairn.core.auth.HostResolver;
import dev.cairn.core.conversion.ConversionEvent;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.port.SystemClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upload → convert → unlicensed view shows the preview only → purchase → licensed view plays high, over a whole node's
 * HTTP API, with the production client bot polling a loopback Bot API (Telegram's side of a Stars payment is pushed
 * as the updates Telegram sends) and the production TON watcher reading a loopback toncenter. Then the owner refunds,
 * and a payment recorded just before a crash is licensed when the node starts again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NodePurchaseTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long BUYER = 5005;
    private static final long TON_BUYER = 6006;
    private static final long LATE_BUYER = 7007;
    private static final String WALLET = "0:" + "5a".repeat(32);
    private static final long STARS = 50;
    private static final long NANOTONS = 1_500_000_000L;

    @TempDir
    static Path root;

    static FakeBotApi telegram;
    static FakeToncenter toncenter;
    static CairnNode node;
    static ContentId song;
    static String starsIntent;
    static final List<ConversionEvent> events = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx--x--x"));
        telegram = FakeBotApi.start(TusServer.TOKEN).username("cairn_client_bot");
        toncenter = FakeToncenter.start(WALLET);
        startNode();
    }

    static void startNode() throws Exception {
        NodeConfig config = NodeConfig.fromEnv(
                        Map.of(
                                "DATA_DIR",
                                root.resolve("node").toString(),
                                "HTTP_PORT",
                                String.valueOf(NodeUploadTest.freePort()),
                                "LOCAL_MODE",
                                "true",
                                "LOG_LEVEL",
                                "WARN",
                                "TELEGRAM_CLIENT_BOT_TOKEN",
                                TusServer.TOKEN,
                                "TELEGRAM_BOT_API_URL",
                                telegram.baseUrl().toString(),
                                "TON_RECEIVING_ADDRESS",
                                WALLET,
                                "TON_API_URL",
                                toncenter.baseUrl().toString(),
                                "TON_POLL_INTERVAL_SEC",
                                "2"),
                        HostResolver.system())
                .config();
        node = CairnNode.start(config, SystemClock.INSTANCE, "test");
        node.onConversion(events::add);
        NodeUploadTest.signIn(node);
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
        if (toncenter != null) {
            toncenter.close();
        }
        if (telegram != null) {
            telegram.close();
        }
    }

    @Test
    @Order(1)
    void anUnlicensedBuyerSeesThePreviewAndBothPrices() throws Exception {
        var uploaded =
                send("POST", "/api/v1/storage?filename=tone.wav&title=Tone", "local", SineWave.wav(3, 44_100, 2));
        assertThat(uploaded.statusCode()).isEqualTo(201);
        song = ContentId.fromHex(json(uploaded).get("content_id").asText());
        NodeUploadTest.awaitTrue(
                "the song is converted",
                () -> events.stream()
                        .anyMatch(e -> e instanceof ConversionEvent.Ready r
                                && r.content().equals(song)));
        var priced = send(
                "PUT",
                "/api/v1/content.prices/" + song.hex(),
                "local",
                "{\"stars\":" + STARS + ",\"ton_nanotons\":" + NANOTONS + "}");
        assertThat(priced.statusCode()).isEqualTo(200);

        JsonNode view = view(BUYER);
        assertThat(view.get("license").asText()).isEqualTo("unlicensed");
        assertThat(kinds(view)).containsExactly("preview");
        assertThat(view.get("purchase_options"))
                .extracting(o -> o.get("method").asText())
                .containsExactly("stars", "ton");
    }

    @Test
    @Order(2)
    void aStarsPurchasePaidInTelegramLicensesTheBuyerWhoThenPlaysHigh() throws Exception {
        JsonNode intent = json(send("POST", "/api/v1/purchases", tma(BUYER), body("stars")));
        starsIntent = intent.get("intent_id").asText();
        assertThat(intent.get("invoice_link").asText()).isNotBlank();
        var link = telegram.awaitCall("createInvoiceLink");
        assertThat(link.param("payload")).isEqualTo(starsIntent);
        assertThat(link.param("currency")).isEqualTo("XTR");
        assertThat(link.param("provider_token")).isNullOrEmpty();

        // Telegram's side: the last question before charging, then the payment.
        String query = telegram.pushPreCheckout(BUYER, "XTR", STARS, starsIntent);
        var answer = telegram.awaitCall("answerPreCheckoutQuery");
        assertThat(answer.param("pre_checkout_query_id")).isEqualTo(query);
        assertThat(answer.param("ok")).isEqualTo("true");
        telegram.pushSuccessfulPayment(BUYER, "XTR", STARS, starsIntent, "stars-charge-1");
        awaitLicensed(starsIntent, BUYER);
        // Delivered twice, as Telegram may after a lost acknowledgement: still one license, no error.
        telegram.pushSuccessfulPayment(BUYER, "XTR", STARS, starsIntent, "stars-charge-1");
        telegram.awaitDrained(Duration.ofSeconds(20));

        JsonNode view = view(BUYER);
        assertThat(view.get("license").asText()).isEqualTo("licensed");
        assertThat(kinds(view)).contains("low", "high");
        var high = NodeUploadTest.httpGet(node, url(view, "high"), Map.of("Range", "bytes=0-15"));
        assertThat(high.statusCode()).isEqualTo(206);
        assertThat(high.body()).contains("ftyp");
        assertThat(telegram.calls("sendMessage"))
                .as("the buyer is told")
                .anyMatch(c -> c.param("chat_id").equals(String.valueOf(BUYER)));
    }

    @Test
    @Order(3)
    void aTonTransferWithTheIntentsCommentLicensesItsBuyer() throws Exception {
        JsonNode intent = json(send("POST", "/api/v1/purchases", tma(TON_BUYER), body("ton")));
        String id = intent.get("intent_id").asText();
        assertThat(intent.get("ton").get("address").asText()).isEqualTo(WALLET);
        assertThat(intent.get("ton").get("comment").asText()).isEqualTo(id);

        toncenter.receive("0:" + "77".repeat(32), NANOTONS - 1_000_000, "unrelated payment");
        toncenter.receive("0:" + "77".repeat(32), NANOTONS, id);
        awaitLicensed(id, TON_BUYER);
        assertThat(kinds(view(TON_BUYER))).contains("high");
    }

    @Test
    @Order(4)
    void theOwnerRefundsTheStarsSaleAndTheBuyerIsBackToThePreview() throws Exception {
        var refunded = send("POST", "/api/v1/purchases/" + starsIntent + "/refund", "local", "");
        assertThat(refunded.statusCode()).isEqualTo(200);
        assertThat(json(refunded).get("status").asText()).isEqualTo("refunded");
        var refund = telegram.awaitCall("refundStarPayment");
        assertThat(refund.param("user_id")).isEqualTo(String.valueOf(BUYER));
        assertThat(refund.param("telegram_payment_charge_id")).isEqualTo("stars-charge-1");
        assertThat(kinds(view(BUYER))).containsExactly("preview");
    }

    @Test
    @Order(5)
    void aPaymentRecordedJustBeforeACrashIsLicensedAtTheNextStart() throws Exception {
        String id = json(send("POST", "/api/v1/purchases", tma(LATE_BUYER), body("stars")))
                .get("intent_id")
                .asText();
        node.close();
        node = null;
        // What a crash between recording the payment and granting its license leaves behind.
        try (var database = PostgresDatabase.open(DatabaseSettings.embedded(root.resolve("node")))) {
            assertThat(new PostgresPaymentStore(database.dsl(), SystemClock.INSTANCE)
                            .settle(id, "stars-charge-crash", Instant.now()))
                    .isTrue();
        }

        startNode();

        assertThat(json(get("/api/v1/purchases/" + id, tma(LATE_BUYER)))
                        .get("licensed")
                        .asBoolean())
                .isTrue();
        assertThat(view(LATE_BUYER).get("license").asText()).isEqualTo("licensed");
    }

    private static void awaitLicensed(String intent, long user) throws InterruptedException {
        NodeUploadTest.awaitTrue("purchase " + intent + " is licensed", () -> {
            try {
                return json(get("/api/v1/purchases/" + intent, tma(user)))
                        .get("licensed")
                        .asBoolean();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static String body(String method) {
        return "{\"content_id\":\"" + song.hex() + "\",\"method\":\"" + method + "\"}";
    }

    /** A Telegram user's {@code Authorization}, signed now for the node's client bot. */
    private static String tma(long user) {
        return "tma "
                + TelegramInitData.forUser(user, "User" + user, Instant.now().getEpochSecond() - 5)
                        .signedFor(TusServer.TOKEN);
    }

    private static JsonNode view(long user) throws Exception {
        return json(get("/api/v1/content.view/" + song.hex(), tma(user)));
    }

    private static List<String> kinds(JsonNode view) {
        var kinds = new ArrayList<String>();
        view.get("display_options").forEach(o -> kinds.add(o.get("kind").asText()));
        return kinds;
    }

    private static String url(JsonNode view, String kind) {
        for (JsonNode option : view.get("display_options")) {
            if (option.get("kind").asText().equals(kind)) {
                return option.get("url").asText();
            }
        }
        throw new AssertionError("no " + kind + " in " + view);
    }

    private static HttpResponse<String> get(String path, String authorization) throws Exception {
        return NodeUploadTest.httpGet(node, path, Map.of("Authorization", authorization));
    }

    private static HttpResponse<String> send(String method, String path, String authorization, String body)
            throws Exception {
        return send(method, path, authorization, body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> send(String method, String path, String authorization, byte[] body)
            throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + path))
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try (var client = HttpClient.newHttpClient()) {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
        return JSON.readTree(response.body());
    }
}
