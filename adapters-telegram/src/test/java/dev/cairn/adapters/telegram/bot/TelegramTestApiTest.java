package dev.cairn.adapters.telegram.bot;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.cairn.core.content.ContentRecord;
import dev.cairn.core.content.view.Prices;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The production client bot against telegram-test-api, a Bot API emulator written by others (npm, started with node
 * from {@code src/test/telegram-test-api}): a user sends commands through the emulator's client API and reads the
 * bot's replies back from it. A second, independent reading of the Bot API than {@code FakeBotApi}'s.
 */
class TelegramTestApiTest {
    static final Path EMULATOR = Path.of("src/test/telegram-test-api");
    static final String TOKEN = "5005:emulated-client";
    static final long USER = 1;

    static Process node;
    static URI emulator;
    final HttpClient http = HttpClient.newHttpClient();
    ClientFixture client;

    @BeforeAll
    static void startEmulator() throws Exception {
        assertThat(EMULATOR.resolve("node_modules/telegram-test-api"))
                .as("telegram-test-api is installed: run `npm ci` in %s (.ci/run does)", EMULATOR.toAbsolutePath())
                .isDirectory();
        int port;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        try {
            node = new ProcessBuilder("node", "start.mjs", String.valueOf(port))
                    .directory(EMULATOR.toFile())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new AssertionError("node (Node.js >= 20) must be on PATH to run telegram-test-api: " + e, e);
        }
        var out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertThat(line).as("telegram-test-api's first line").isEqualTo("listening " + port);
        Thread.ofVirtual().start(() -> out.lines().forEach(l -> System.out.println("[telegram-test-api] " + l)));
        emulator = URI.create("http://127.0.0.1:" + port);
    }

    @AfterAll
    static void stopEmulator() throws InterruptedException {
        if (node != null) {
            node.destroy();
            if (!node.waitFor(5, TimeUnit.SECONDS)) {
                node.destroyForcibly();
            }
        }
    }

    @BeforeEach
    void startBot() throws IOException {
        client = new ClientFixture(emulator, TOKEN).start();
        assertThat(Files.isDirectory(EMULATOR)).isTrue();
    }

    @AfterEach
    void stopBot() {
        client.close();
    }

    @Test
    void startWithoutAnArgumentIsAnsweredWithTheWelcomeAndTheMiniAppButton() throws Exception {
        sendCommand("/start");

        JsonObject reply = nextReply();
        assertThat(reply.get("text").getAsString()).startsWith("Welcome to Cairn!");
        JsonObject button = firstButton(reply, 0);
        assertThat(button.get("text").getAsString()).isEqualTo("Open Cairn");
        assertThat(button.getAsJsonObject("web_app").get("url").getAsString()).isEqualTo("https://cairn.example/mine");
    }

    @Test
    void aDeepLinkIsAnsweredWithTheContentCardAndItsBuyButtons() throws Exception {
        ContentRecord film = client.content("Emulated Film", Prices.of(40, 2_000_000_000L));

        sendCommand("/start " + film.id().hex());

        JsonObject reply = nextReply();
        assertThat(reply.get("text").getAsString())
                .isEqualTo("Emulated Film\nVideo · waiting to be processed\n\nBuy it to watch or listen in full.");
        assertThat(firstButton(reply, 0).getAsJsonObject("web_app").get("url").getAsString())
                .isEqualTo("https://cairn.example/content/" + film.id().hex());
        JsonArray buy = reply.getAsJsonObject("reply_markup")
                .getAsJsonArray("inline_keyboard")
                .get(1)
                .getAsJsonArray();
        assertThat(buy).hasSize(2);
        assertThat(buy.get(0).getAsJsonObject().get("text").getAsString()).isEqualTo("Buy for 40 Stars");
        assertThat(buy.get(1).getAsJsonObject().get("text").getAsString()).isEqualTo("Buy for 2 TON");
    }

    @Test
    void aMalformedDeepLinkIsAnsweredWithAClearMessage() throws Exception {
        sendCommand("/start nonsense");

        assertThat(nextReply().get("text").getAsString())
                .isEqualTo("That link does not point to a content. Please check that it was copied whole.");
    }

    /** What telegram-test-api's own client sends for a command (its makeCommand), posted to its client API. */
    private void sendCommand(String text) throws Exception {
        int end = text.indexOf(' ');
        JsonObject user = new JsonObject();
        user.addProperty("id", USER);
        user.addProperty("first_name", "Test");
        user.addProperty("username", "test_user");
        user.addProperty("is_bot", false);
        JsonObject chat = new JsonObject();
        chat.addProperty("id", USER);
        chat.addProperty("first_name", "Test");
        chat.addProperty("username", "test_user");
        chat.addProperty("type", "private");
        JsonObject entity = new JsonObject();
        entity.addProperty("offset", 0);
        entity.addProperty("length", end < 0 ? text.length() : end);
        entity.addProperty("type", "bot_command");
        JsonArray entities = new JsonArray();
        entities.add(entity);
        JsonObject message = new JsonObject();
        message.addProperty("botToken", TOKEN);
        message.add("from", user);
        message.add("chat", chat);
        message.addProperty("date", System.currentTimeMillis() / 1000);
        message.addProperty("text", text);
        message.add("entities", entities);
        JsonObject answer = post("/sendCommand", message);
        assertThat(answer.get("ok").getAsBoolean()).isTrue();
    }

    /** The next message the bot sent to the user, as the emulator's client API reports it. */
    private JsonObject nextReply() throws Exception {
        JsonObject query = new JsonObject();
        query.addProperty("token", TOKEN);
        query.addProperty("chatId", USER);
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            JsonArray result = post("/getUpdates", query).getAsJsonArray("result");
            if (!result.isEmpty()) {
                assertThat(result).hasSize(1);
                return result.get(0).getAsJsonObject().getAsJsonObject("message");
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the bot sent the user nothing within 15 s");
    }

    private JsonObject post(String path, JsonObject body) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(emulator.resolve(path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
                .as("%s answered %s", path, response.body())
                .isEqualTo(200);
        return JsonParser.parseString(response.body()).getAsJsonObject();
    }

    private static JsonObject firstButton(JsonObject message, int row) {
        return message.getAsJsonObject("reply_markup")
                .getAsJsonArray("inline_keyboard")
                .get(row)
                .getAsJsonArray()
                .get(0)
                .getAsJsonObject();
    }
}
