package dev.cairn.adapters.telegram.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pengrad.telegrambot.model.Update;
import dev.cairn.adapters.telegram.FakeBotApi;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookTest {
    static final String TOKEN = "88:hook-token";
    static final String SECRET = "s3cr3t_Token-value";
    static final String UPDATE = """
            {"update_id":41,"message":{"message_id":1,"date":1764000000,"chat":{"id":7,"type":"private"},\
            "from":{"id":7,"is_bot":false,"first_name":"A"},"text":"/start"}}""";

    FakeBotApi telegram;
    BotApi api;
    final List<Update> handled = new CopyOnWriteArrayList<>();
    Webhook webhook;

    @BeforeEach
    void start() throws IOException {
        telegram = FakeBotApi.start(TOKEN);
        api = new BotApi("test", TOKEN, telegram.baseUrl());
        webhook = new Webhook(api, SECRET, handled::add);
    }

    @AfterEach
    void stop() {
        api.close();
        telegram.close();
    }

    @Test
    void aRequestWithTheRightSecretIsHandledAndAnswered200() {
        assertThat(webhook.handle(SECRET, UPDATE)).isEqualTo(200);

        assertThat(handled).singleElement().satisfies(u -> {
            assertThat(u.updateId()).isEqualTo(41);
            assertThat(u.message().text()).isEqualTo("/start");
        });
    }

    @Test
    void aWrongOrMissingSecretIs401AndNothingIsHandled() {
        assertThat(webhook.handle("s3cr3t_Token-valuf", UPDATE)).isEqualTo(401);
        assertThat(webhook.handle(SECRET + "x", UPDATE)).isEqualTo(401);
        assertThat(webhook.handle(null, UPDATE)).isEqualTo(401);

        assertThat(handled).isEmpty();
    }

    @Test
    void aBodyThatIsNoUpdateIs400() {
        assertThat(webhook.handle(SECRET, "not json")).isEqualTo(400);
        assertThat(webhook.handle(SECRET, "{}")).isEqualTo(400);
        assertThat(webhook.handle(SECRET, null)).isEqualTo(400);

        assertThat(handled).isEmpty();
    }

    @Test
    void aHandlerFailureIsLoggedAndStill200SoTelegramDoesNotRetryForever() {
        Webhook failing = new Webhook(api, SECRET, u -> {
            throw new IllegalStateException("a bug");
        });

        assertThat(failing.handle(SECRET, UPDATE)).isEqualTo(200);
    }

    @Test
    void registeringSetsTheWebhookWithTheSecretAndTheUpdateKinds() throws Exception {
        webhook.register(URI.create("https://node.example/telegram/client"));

        FakeBotApi.Call set = telegram.awaitCall("setWebhook");
        assertThat(set.param("url")).isEqualTo("https://node.example/telegram/client");
        assertThat(set.param("secret_token")).isEqualTo(SECRET);
        assertThat(set.json("allowed_updates").getAsJsonArray()).hasSize(3);
    }

    @Test
    void aSecretOutsideTelegramsRuleIsRefusedAtConstruction() {
        assertThatThrownBy(() -> new Webhook(api, "has space", handled::add))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Webhook(api, "", handled::add)).isInstanceOf(IllegalArgumentException.class);
    }
}
