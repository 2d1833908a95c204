package dev.cairn.adapters.http.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.adapters.http.auth.TelegramInitData;
import dev.cairn.adapters.http.auth.UserAuthentication;
import dev.cairn.adapters.http.server.CairnHttpServer;
import dev.cairn.adapters.http.server.HttpServerConfig;
import dev.cairn.adapters.http.server.TestHttp;
import dev.cairn.core.auth.Authenticator;
import dev.cairn.core.auth.BotToken;
import dev.cairn.core.auth.InitDataValidator;
import dev.cairn.core.port.ManualClock;
import dev.cairn.core.port.RandomBytes;
import dev.cairn.core.user.InMemoryUserStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/account.me} over real HTTP on loopback, with {@code initData} signed as Telegram does. */
class AccountRoutesTest {
    private static final long NOW_SECONDS = 1_764_090_000L;
    private static final String TOKEN = "123456789:AAF-test-token-for-cairn-http-auth";

    private final ManualClock clock = new ManualClock(NOW_SECONDS * 1000);
    private final InMemoryUserStore users = new InMemoryUserStore();
    private CairnHttpServer server;
    private TestHttp http;

    @BeforeEach
    void start() {
        var validator = new InitDataValidator(BotToken.of(TOKEN), Duration.ofDays(1), Duration.ofSeconds(60), clock);
        var authentication =
                new UserAuthentication(Optional.of(new Authenticator(Optional.of(validator), false)), users, clock);
        server = CairnHttpServer.create(
                        HttpServerConfig.loopbackEphemeral(),
                        new SimpleMeterRegistry(),
                        RandomBytes.secure(),
                        List.of(new AccountRoutes(authentication)))
                .start();
        http = new TestHttp(server.port());
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void meIsTheCallersProfileAndWhenTheNodeFirstAndLastSawThem() {
        var first = TelegramInitData.forUser(42, "Ada", NOW_SECONDS - 5);
        http.get(AccountRoutes.ME, tma(first.signedFor(TOKEN)));
        clock.advance(Duration.ofSeconds(90));

        var response = http.get(AccountRoutes.ME, tma(first.signedFor(TOKEN)));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = TestHttp.json(response);
        assertThat(body.get("telegram_id").asLong()).isEqualTo(42);
        assertThat(body.get("first_name").asText()).isEqualTo("Ada");
        assertThat(body.get("last_name").asText()).isEqualTo("Lovelace");
        assertThat(body.get("username").asText()).isEqualTo("ada");
        assertThat(body.get("language_code").asText()).isEqualTo("en");
        assertThat(body.get("is_premium").asBoolean()).isTrue();
        assertThat(body.get("first_seen_millis").asLong()).isEqualTo(NOW_SECONDS * 1000);
        assertThat(body.get("last_seen_millis").asLong()).isEqualTo(NOW_SECONDS * 1000 + 90_000);
        assertThat(users.find(42)).isPresent();
    }

    @Test
    void optionalProfileMembersTelegramDidNotSendAreLeftOut() {
        var minimal = TelegramInitData.forUser(7, "Bo", NOW_SECONDS).with("user", "{\"id\":7,\"first_name\":\"Bo\"}");

        JsonNode body = TestHttp.json(http.get(AccountRoutes.ME, tma(minimal.signedFor(TOKEN))));

        assertThat(body.properties())
                .extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder(
                        "telegram_id", "first_name", "is_premium", "first_seen_millis", "last_seen_millis");
        assertThat(body.get("is_premium").asBoolean()).isFalse();
    }

    @Test
    void meWithoutAuthorizationIs401WithTheTelegramChallenge() {
        var response = http.get(AccountRoutes.ME);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("tma");
        assertThat(TestHttp.json(response).get("code").asText()).isEqualTo("auth_missing");
    }

    private static Map<String, String> tma(String initData) {
        return Map.of("Authorization", "tma " + initData);
    }
}
