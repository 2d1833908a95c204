package dev.cairn.adapters.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fake answers as the Bot API does, whichever way parameters are sent: its own tests, not the bots'. */
class FakeBotApiTest {
    static final String TOKEN = "9:fake";

    FakeBotApi telegram;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        telegram = FakeBotApi.start(TOKEN);
    }

    @AfterEach
    void stop() {
        telegram.close();
    }

    @Test
    void parametersAreReadFromAJsonBody() throws Exception {
        JsonObject answer = post(
                "/bot" + TOKEN + "/sendMessage",
                "application/json",
                "{\"chat_id\":5,\"text\":\"hi\",\"reply_markup\":{\"inline_keyboard\":[]}}",
                200);

        assertThat(answer.get("ok").getAsBoolean()).isTrue();
        assertThat(answer.getAsJsonObject("result").get("text").getAsString()).isEqualTo("hi");
        FakeBotApi.Call call = telegram.awaitCall("sendMessage");
        assertThat(call.param("chat_id")).isEqualTo("5");
        assertThat(call.json("reply_markup").getAsJsonObject().has("inline_keyboard"))
                .isTrue();
    }

    @Test
    void parametersAreReadFromAFormBodyAndTheQueryString() throws Exception {
        post(
                "/bot" + TOKEN + "/answerCallbackQuery?callback_query_id=q1",
                "application/x-www-form-urlencoded",
                "text=Done%21&show_alert=true",
                200);

        FakeBotApi.Call call = telegram.awaitCall("answerCallbackQuery");
        assertThat(call.param("callback_query_id")).isEqualTo("q1");
        assertThat(call.param("text")).isEqualTo("Done!");
    }

    @Test
    void errorsHaveTheBotApisShape() throws Exception {
        JsonObject wrongToken = post("/bot1:other/getMe", "application/json", "{}", 401);
        assertThat(wrongToken.get("ok").getAsBoolean()).isFalse();
        assertThat(wrongToken.get("error_code").getAsInt()).isEqualTo(401);
        assertThat(wrongToken.get("description").getAsString()).isEqualTo("Unauthorized");

        telegram.failNext("getMe", 429, "Too Many Requests: retry after 3");
        JsonObject scripted = post("/bot" + TOKEN + "/getMe", "application/json", "{}", 429);
        assertThat(scripted.get("description").getAsString()).isEqualTo("Too Many Requests: retry after 3");
    }

    @Test
    void getUpdatesHandsOutUpdatesFromTheOffsetAndConfirmsThoseBelow() throws Exception {
        int first = telegram.pushText(1, "one");
        int second = telegram.pushText(1, "two");

        JsonObject all = post("/bot" + TOKEN + "/getUpdates", "application/json", "{\"offset\":0}", 200);
        JsonObject rest = post("/bot" + TOKEN + "/getUpdates", "application/json", "{\"offset\":" + second + "}", 200);
        JsonObject none = post(
                "/bot" + TOKEN + "/getUpdates",
                "application/json",
                "{\"offset\":" + (second + 1) + ",\"timeout\":1}",
                200);

        assertThat(all.getAsJsonArray("result")).hasSize(2);
        assertThat(all.getAsJsonArray("result")
                        .get(0)
                        .getAsJsonObject()
                        .get("update_id")
                        .getAsInt())
                .isEqualTo(first);
        assertThat(rest.getAsJsonArray("result")).hasSize(1);
        assertThat(none.getAsJsonArray("result")).isEmpty();
        telegram.awaitDrained(Duration.ofSeconds(1));
    }

    private JsonObject post(String path, String type, String body, int status) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(telegram.baseUrl() + path))
                        .header("Content-Type", type)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(status);
        return JsonParser.parseString(response.body()).getAsJsonObject();
    }
}
