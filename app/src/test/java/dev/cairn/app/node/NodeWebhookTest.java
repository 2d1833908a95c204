package dev.cairn.app.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.adapters.http.upload.TusServer;
import dev.cairn.adapters.telegram.FakeBotApi;
import dev.cairn.app.config.NodeConfig;
import dev.cairn.core.auth.BotToken;
import dev.cairn.core.auth.HostResolver;
import dev.cairn.core.port.SystemClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhook mode in a whole node: at start the client bot registers its route under TELEGRAM_WEBHOOK_URL with the
 * secret (again, until Telegram takes it); an update pushed to that route with the secret is handled (the bot answers through the Bot API), one
 * without it is refused and never reaches the bot, and nobody polls.
 */
class NodeWebhookTest {
    private static final String SECRET = "webhook-secret-for-the-node-test";

    @TempDir
    static Path root;

    static FakeBotApi telegram;
    static CairnNode node;

    @BeforeAll
    static void start() throws Exception {
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx--x--x"));
        telegram = FakeBotApi.start(TusServer.TOKEN).username("cairn_client_bot");
        // Telegram refuses the first registration: the node starts anyway and registers again 5 s later.
        telegram.failNext("setWebhook", 500, "Internal Server Error");
        NodeConfig config = NodeConfig.fromEnv(
                        Map.of(
                                "DATA_DIR",
                                root.resolve("node").toString(),
                                "HTTP_PORT",
                                String.valueOf(NodeUploadTest.freePort()),
                                "LOG_LEVEL",
                                "WARN",
                                "TELEGRAM_CLIENT_BOT_TOKEN",
                                TusServer.TOKEN,
                                "TELEGRAM_BOT_API_URL",
                                telegram.baseUrl().toString(),
                                "TELEGRAM_WEBHOOK_URL",
                                "https://node.example:8443/",
                                "TELEGRAM_WEBHOOK_SECRET",
                                SECRET),
                        HostResolver.system())
                .config();
        node = CairnNode.start(config, SystemClock.INSTANCE, "test");
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
        if (telegram != null) {
            telegram.close();
        }
    }

    private static String botId() {
        return BotToken.of(TusServer.TOKEN).botId();
    }

    private static HttpResponse<String> push(String secret, String update) throws Exception {
        var request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + node.httpPort() + "/api/v1/telegram.webhook/" + botId()))
                .header("Content-Type", "application/json")
                .header("X-Telegram-Bot-Api-Secret-Token", secret)
                .POST(HttpRequest.BodyPublishers.ofString(update))
                .build();
        try (var client = HttpClient.newHttpClient()) {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    private static String start(int updateId, long user) {
        return """
                {"update_id":%d,"message":{"message_id":1,"date":1764150000,
                 "chat":{"id":%d,"type":"private"},"from":{"id":%d,"is_bot":false,"first_name":"Ada"},
                 "text":"/start","entities":[{"type":"bot_command","offset":0,"length":6}]}}""".formatted(updateId, user, user);
    }

    @Test
    void theBotRegistersItsRouteWithTheSecretAndAnswersWhatArrivesThere() throws Exception {
        var registered = telegram.awaitCall("setWebhook", 2, Duration.ofSeconds(20));
        assertThat(registered.param("url")).isEqualTo("https://node.example:8443/api/v1/telegram.webhook/" + botId());
        assertThat(registered.param("secret_token")).isEqualTo(SECRET);
        assertThat(telegram.calls("getUpdates"))
                .as("webhook mode does not poll")
                .isEmpty();

        assertThat(push("wrong-secret", start(1, 31)).statusCode()).isEqualTo(401);
        assertThat(push(SECRET, "not an update").statusCode()).isEqualTo(400);
        assertThat(push(SECRET, start(2, 32)).statusCode()).isEqualTo(200);

        var welcome = telegram.awaitCall("sendMessage", 1, Duration.ofSeconds(10));
        assertThat(welcome.param("chat_id")).isEqualTo("32");
        assertThat(telegram.calls("sendMessage")).hasSize(1);
    }
}
