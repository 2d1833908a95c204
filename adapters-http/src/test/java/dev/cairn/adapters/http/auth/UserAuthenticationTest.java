package dev.cairn.adapters.http.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.adapters.http.error.ApiErrors;
import dev.cairn.adapters.http.error.ApiException;
import dev.cairn.adapters.http.server.CairnHttpServer;
import dev.cairn.adapters.http.server.HttpServerConfig;
import dev.cairn.adapters.http.server.LogCapture;
import dev.cairn.adapters.http.server.Routes;
import dev.cairn.adapters.http.server.TestHttp;
import dev.cairn.core.auth.Authenticator;
import dev.cairn.core.auth.BotToken;
import dev.cairn.core.auth.InitDataValidator;
import dev.cairn.core.auth.LocalMode;
import dev.cairn.core.port.ManualClock;
import dev.cairn.core.port.RandomBytes;
import dev.cairn.core.user.InMemoryUserStore;
import dev.cairn.core.user.User;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code Authorization} check of user routes, over real HTTP on loopback, with {@code initData} signed in the test
 * as Telegram signs it. The route behind the check only records the user it is given.
 */
class UserAuthenticationTest {
    private static final long NOW_SECONDS = 1_764_090_000L;
    private static final String TOKEN = "123456789:AAF-test-token-for-cairn-http-auth";
    private static final String OTHER_BOT_TOKEN = "987654321:AAF-another-bots-token-entirely";
    private static final Duration MAX_AGE = Duration.ofDays(1);
    private static final long ADA = 42;
    private static final String PATH = "/test/whoami";

    private final ManualClock clock = new ManualClock(NOW_SECONDS * 1000 + 250);
    private final InMemoryUserStore users = new InMemoryUserStore();
    private final AtomicReference<User> handedToRoute = new AtomicReference<>();
    private CairnHttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void validInitDataIsTheUserItVouchesForStoredAtTheClocksTime() {
        var http = start(telegramOnly());

        var response = http.get(PATH, tma(freshInitData().signedFor(TOKEN)));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        User stored = users.find(ADA).orElseThrow();
        assertThat(stored.profile().firstName()).isEqualTo("Ada");
        assertThat(stored.profile().username()).hasValue("ada");
        assertThat(stored.firstSeen()).isEqualTo(clock.instant()).isEqualTo(stored.lastSeen());
        assertThat(handedToRoute.get()).isEqualTo(stored);
    }

    @Test
    void everyAuthenticatedRequestRefreshesTheProfileAndLastSeenButKeepsFirstSeen() {
        var http = start(telegramOnly());
        Instant first = clock.instant();
        http.get(PATH, tma(freshInitData().signedFor(TOKEN)));
        clock.advance(Duration.ofMinutes(5));

        var renamed = TelegramInitData.forUser(ADA, "Augusta", NOW_SECONDS + 300);
        assertThat(http.get(PATH, tma(renamed.signedFor(TOKEN))).statusCode()).isEqualTo(200);

        User stored = users.find(ADA).orElseThrow();
        assertThat(stored.profile().firstName()).isEqualTo("Augusta");
        assertThat(stored.firstSeen()).isEqualTo(first);
        assertThat(stored.lastSeen()).isEqualTo(clock.instant());
    }

    @Test
    void theSchemeIsCaseInsensitiveAsHttpSchemesAre() {
        var http = start(telegramOnly());

        var response =
                http.get(PATH, Map.of("Authorization", "TMA " + freshInitData().signedFor(TOKEN)));

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void initDataWithItsUserIdChangedAfterSigningIsRefusedAsBadHash() {
        var http = start(telegramOnly());
        var signed = freshInitData();
        String tampered = impersonating(signed, 43).withHash(signed.hash(TOKEN));

        assertRefused(http.get(PATH, tma(tampered)), "auth_bad_hash");
    }

    @Test
    void initDataSignedForAnotherBotIsRefusedAsBadHash() {
        var http = start(telegramOnly());

        assertRefused(http.get(PATH, tma(freshInitData().signedFor(OTHER_BOT_TOKEN))), "auth_bad_hash");
    }

    @Test
    void initDataOlderThanTheMaximumAgeIsRefusedAsStale() {
        var http = start(telegramOnly());
        var old = TelegramInitData.forUser(ADA, "Ada", NOW_SECONDS - MAX_AGE.toSeconds() - 1);

        assertRefused(http.get(PATH, tma(old.signedFor(TOKEN))), "auth_stale");
    }

    @Test
    void initDataThatIsNotAQueryStringIsRefusedAsMalformed() {
        var http = start(telegramOnly());

        assertRefused(http.get(PATH, tma("user=%zz&hash=00")), "auth_malformed");
    }

    @Test
    void aRequestWithoutAuthorizationIsRefusedAsMissing() {
        var http = start(telegramOnly());

        assertRefused(http.get(PATH), "auth_missing");
    }

    @Test
    void anotherSchemeIsRefusedAsUnsupported() {
        var http = start(telegramOnly());

        assertRefused(http.get(PATH, Map.of("Authorization", "Bearer " + TOKEN)), "auth_unsupported_scheme");
        assertRefused(http.get(PATH, Map.of("Authorization", "tma_" + TOKEN)), "auth_unsupported_scheme");
    }

    @Test
    void localIsRefusedWhenTheNodeIsNotInLocalMode() {
        var http = start(telegramOnly());

        assertRefused(http.get(PATH, Map.of("Authorization", "local")), "auth_missing");
    }

    @Test
    void inLocalModeLocalIsTheLocalUser() {
        var http = start(Optional.of(new Authenticator(Optional.empty(), true)));

        var response = http.get(PATH, Map.of("Authorization", "local"));

        assertThat(response.statusCode()).isEqualTo(200);
        User stored = users.find(LocalMode.LOCAL_USER.telegramId()).orElseThrow();
        assertThat(stored.profile()).isEqualTo(LocalMode.LOCAL_USER);
        assertThat(handedToRoute.get()).isEqualTo(stored);
    }

    @Test
    void inLocalModeInitDataIsStillCheckedNeverTakenForTheLocalUser() {
        var http = start(Optional.of(new Authenticator(Optional.of(validator()), true)));
        var signed = freshInitData();
        String tampered = impersonating(signed, 43).withHash(signed.hash(TOKEN));

        assertRefused(http.get(PATH, tma(tampered)), "auth_bad_hash");
        assertThat(http.get(PATH, tma(signed.signedFor(TOKEN))).statusCode()).isEqualTo(200);
        assertThat(users.find(ADA)).isPresent();
    }

    @Test
    void inLocalModeARequestWithoutAuthorizationIsStillRefused() {
        var http = start(Optional.of(new Authenticator(Optional.empty(), true)));

        assertRefused(http.get(PATH), "auth_missing");
    }

    @Test
    void withNoBotTokenAndNoLocalModeNobodyAuthenticates() {
        var http = start(Optional.empty());

        assertRefused(http.get(PATH, tma(freshInitData().signedFor(TOKEN))), "auth_missing");
        assertRefused(http.get(PATH, Map.of("Authorization", "local")), "auth_missing");
    }

    @Test
    void refusalsLogNeitherTheInitDataNorTheBotToken() {
        var http = start(telegramOnly());
        var signed = freshInitData();
        String tampered = impersonating(signed, 43).withHash(signed.hash(TOKEN));
        String stale = TelegramInitData.forUser(ADA, "Ada", NOW_SECONDS - MAX_AGE.toSeconds() - 1)
                .signedFor(TOKEN);
        // Core's message for this one quotes the start of the bad field.
        String malformed = "user=%7B%22id%22%3A42%2C%22last_name%22%3A%22Lovelace%22%zz&hash=" + signed.hash(TOKEN);

        try (var log = new LogCapture(ApiErrors.class)) {
            for (String initData : List.of(tampered, stale, malformed)) {
                assertThat(http.get(PATH, tma(initData)).statusCode()).isEqualTo(401);
            }
            assertThat(http.get(PATH, Map.of("Authorization", "Bearer " + TOKEN))
                            .statusCode())
                    .isEqualTo(401);

            assertThat(log.events()).hasSize(4);
            for (ILoggingEvent event : log.events()) {
                String logged = event.getFormattedMessage() + LogCapture.keyValues(event);
                assertThat(logged)
                        .doesNotContain(signed.hash(TOKEN))
                        .doesNotContain(TOKEN.substring(TOKEN.indexOf(':') + 1))
                        .doesNotContain("%22id%22")
                        .doesNotContain("Lovelace");
            }
        }
    }

    @Test
    void aHeaderValueHeldByAnotherRouteAuthenticatesAsTheRequestWould() {
        var authentication = new UserAuthentication(telegramOnly(), users, clock);

        User user = authentication.authenticate("tma " + freshInitData().signedFor(TOKEN));

        assertThat(user).isEqualTo(users.find(ADA).orElseThrow());
        assertThat(user.lastSeen()).isEqualTo(clock.instant());
    }

    @Test
    void aHeaderValueIsRefusedWithTheCodesOfTheRequestCheck() {
        var authentication = new UserAuthentication(telegramOnly(), users, clock);

        assertThatThrownBy(() -> authentication.authenticate(null))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo("auth_missing"));
        assertThatThrownBy(() -> authentication.authenticate("Bearer " + TOKEN))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.code()).isEqualTo("auth_unsupported_scheme");
                });
        assertThatThrownBy(() ->
                        authentication.authenticate("tma " + freshInitData().signedFor(OTHER_BOT_TOKEN)))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo("auth_bad_hash"));
        assertThat(users.find(ADA)).isEmpty();
    }

    /** A 401 with the challenge and {@code code}, and no user stored. */
    private void assertRefused(HttpResponse<String> response, String code) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("tma");
        JsonNode body = TestHttp.json(response);
        assertThat(body.get("code").asText()).isEqualTo(code);
        assertThat(body.get("error_id").asText()).hasSize(32);
        assertThat(body.get("message").asText()).isNotBlank();
        assertThat(users.find(ADA)).isEmpty();
        assertThat(users.find(43)).isEmpty();
        assertThat(users.find(LocalMode.LOCAL_USER.telegramId())).isEmpty();
        assertThat(handedToRoute.get()).isNull();
    }

    /** The same fields, but the user id changed: the one-field forgery a signature exists to stop. */
    private static TelegramInitData impersonating(TelegramInitData data, long otherId) {
        return data.with("user", data.fields().get("user").replace("\"id\":" + ADA, "\"id\":" + otherId));
    }

    private TestHttp start(Optional<Authenticator> authenticator) {
        var authentication = new UserAuthentication(authenticator, users, clock);
        Routes whoami = routes -> routes.get(PATH, authentication.authenticated((ctx, user) -> {
            handedToRoute.set(user);
            ctx.result(Long.toString(user.telegramId()));
        }));
        server = CairnHttpServer.create(
                        HttpServerConfig.loopbackEphemeral(),
                        new SimpleMeterRegistry(),
                        RandomBytes.secure(),
                        List.of(whoami))
                .start();
        return new TestHttp(server.port());
    }

    private Optional<Authenticator> telegramOnly() {
        return Optional.of(new Authenticator(Optional.of(validator()), false));
    }

    private InitDataValidator validator() {
        return new InitDataValidator(BotToken.of(TOKEN), MAX_AGE, Duration.ofSeconds(60), clock);
    }

    private static TelegramInitData freshInitData() {
        return TelegramInitData.forUser(ADA, "Ada", NOW_SECONDS - 10);
    }

    private static Map<String, String> tma(String initData) {
        return Map.of("Authorization", "tma " + initData);
    }
}
