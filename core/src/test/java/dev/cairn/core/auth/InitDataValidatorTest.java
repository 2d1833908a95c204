package dev.cairn.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.port.ManualClock;
import dev.cairn.core.user.TelegramProfile;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The vectors below were made once with Python's {@code hmac} and {@code urllib.parse} (not with this code):
 *
 * <pre>
 * secret = hmac.new(b"WebAppData", token.encode(), hashlib.sha256).digest()
 * dcs = "\n".join(f"{k}={v}" for k, v in sorted(fields.items()))
 * hash = hmac.new(secret, dcs.encode(), hashlib.sha256).hexdigest()
 * query = urllib.parse.urlencode({**fields, "hash": hash}, quote_via=urllib.parse.quote)
 * </pre>
 *
 * and the first hash checked again with {@code openssl dgst -sha256 -mac HMAC -macopt hexkey:<secret>}.
 */
class InitDataValidatorTest {
    static final BotToken TOKEN = BotToken.of("123456789:AAH-test_token_for_cairn_vectors_0123");
    static final BotToken OTHER_BOT = BotToken.of("987654321:AAH-another_bot_token_cairn_vectors_9");
    static final long AUTH_DATE = 1_764_090_000L;

    /** A full initData as a Mini App sends it, with a {@code signature} field (which the hash covers too). */
    static final String VALID = "query_id=AAHdF6IQAAAAAN0XohDhrOrc"
            + "&user=%7B%22id%22%3A279058397%2C%22first_name%22%3A%22Ada%22%2C%22last_name%22%3A%22Lovelace%22"
            + "%2C%22username%22%3A%22ada_l%22%2C%22language_code%22%3A%22en%22%2C%22is_premium%22%3Atrue"
            + "%2C%22allows_write_to_pm%22%3Atrue%2C%22photo_url%22%3A%22https%3A%2F%2Fuserpic.invalid%2F320"
            + "%2Fx.svg%22%7D&auth_date=1764090000&signature=abc123_-"
            + "&hash=5774fa63e014629229929e1325d59ef5c2016a94be15e43e527dfbee3e7d6bba";

    /** The data-check-string of {@link #VALID}, as Python printed it. */
    static final String VALID_DATA_CHECK_STRING = "auth_date=1764090000\nquery_id=AAHdF6IQAAAAAN0XohDhrOrc\n"
            + "signature=abc123_-\nuser={\"id\":279058397,\"first_name\":\"Ada\",\"last_name\":\"Lovelace\","
            + "\"username\":\"ada_l\",\"language_code\":\"en\",\"is_premium\":true,\"allows_write_to_pm\":true,"
            + "\"photo_url\":\"https://userpic.invalid/320/x.svg\"}";

    /** A minimal initData whose user has a non-ASCII name (UTF-8 percent-encoded). */
    static final String MINIMAL = "auth_date=1764090000&user=%7B%22id%22%3A42%2C%22first_name%22%3A%22Zo%C3%AB%22%7D"
            + "&hash=740b698d789f392cea723cdf860125d5e948351d9e57233c853d61f09ba29914";

    /** Correctly signed, but not opened by a user. */
    static final String NO_USER = "auth_date=1764090000&query_id=x"
            + "&hash=413d6797343c5426833eba740ecad053fc43ca136f2204c60a16cc159e14186d";

    final ManualClock clock = new ManualClock((AUTH_DATE + 60) * 1000);
    final InitDataValidator validator =
            new InitDataValidator(TOKEN, Duration.ofHours(24), Duration.ofSeconds(30), clock);

    @Test
    void aValidInitDataYieldsItsUser() {
        TelegramLogin login = validator.validate(VALID);

        assertThat(login.profile())
                .isEqualTo(new TelegramProfile(
                        279058397, "Ada", Optional.of("Lovelace"), Optional.of("ada_l"), Optional.of("en"), true));
        assertThat(login.authDate()).isEqualTo(Instant.ofEpochSecond(AUTH_DATE));
        assertThat(login.queryId()).contains("AAHdF6IQAAAAAN0XohDhrOrc");
    }

    @Test
    void theDataCheckStringIsTelegramsOne() {
        assertThat(InitData.parse(VALID).dataCheckString()).isEqualTo(VALID_DATA_CHECK_STRING);
    }

    @Test
    void percentEncodedUtf8IsDecodedAndOptionalFieldsMayBeAbsent() {
        assertThat(validator.validate(MINIMAL).profile())
                .isEqualTo(new TelegramProfile(42, "Zoë", Optional.empty(), Optional.empty(), Optional.empty(), false));
    }

    @Test
    void aTamperedFieldBreaksTheHash() {
        String tampered = VALID.replace("%22id%22%3A279058397", "%22id%22%3A279058398");

        assertThatThrownBy(() -> validator.validate(tampered))
                .isInstanceOfSatisfying(
                        AuthenticationException.class,
                        e -> assertThat(e.reason()).isEqualTo(AuthFailure.BAD_HASH));
    }

    @Test
    void anAddedFieldBreaksTheHash() {
        assertThat(reasonFor(VALID + "&start_param=x")).isEqualTo(AuthFailure.BAD_HASH);
    }

    @Test
    void initDataSignedForAnotherBotIsRefused() {
        var otherBotsValidator = new InitDataValidator(OTHER_BOT, Duration.ofHours(24), Duration.ofSeconds(30), clock);

        assertThatThrownBy(() -> otherBotsValidator.validate(VALID))
                .isInstanceOfSatisfying(
                        AuthenticationException.class,
                        e -> assertThat(e.reason()).isEqualTo(AuthFailure.BAD_HASH));
    }

    @Test
    void theHashOfAnotherBotIsRefused() {
        // Python: the same fields signed with OTHER_BOT.
        String signedByOther = VALID.replace(
                "5774fa63e014629229929e1325d59ef5c2016a94be15e43e527dfbee3e7d6bba",
                "73b941da1af212d42ff597c1e8f05e5d14c714195d88be2594187bf522411aea");

        assertThat(reasonFor(signedByOther)).isEqualTo(AuthFailure.BAD_HASH);
        assertThat(new InitDataValidator(OTHER_BOT, Duration.ofHours(24), Duration.ZERO, clock)
                        .validate(signedByOther)
                        .profile()
                        .telegramId())
                .isEqualTo(279058397);
    }

    @Test
    void initDataOlderThanTheMaximumAgeIsStale() {
        clock.advance(Duration.ofHours(24));

        assertThat(reasonFor(VALID)).isEqualTo(AuthFailure.STALE);
    }

    @Test
    void initDataExactlyAtTheMaximumAgeIsStillAccepted() {
        clock.advance(Duration.ofHours(24).minusSeconds(60));

        assertThat(validator.validate(VALID).profile().telegramId()).isEqualTo(279058397);
    }

    @Test
    void initDataFromTheFutureBeyondTheSkewIsRefused() {
        var early = new ManualClock((AUTH_DATE - 31) * 1000);
        var atSkew = new ManualClock((AUTH_DATE - 30) * 1000);

        assertThatThrownBy(() -> new InitDataValidator(TOKEN, Duration.ofHours(1), Duration.ofSeconds(30), early)
                        .validate(VALID))
                .isInstanceOfSatisfying(
                        AuthenticationException.class,
                        e -> assertThat(e.reason()).isEqualTo(AuthFailure.FROM_FUTURE));
        assertThat(new InitDataValidator(TOKEN, Duration.ofHours(1), Duration.ofSeconds(30), atSkew).validate(VALID))
                .isNotNull();
    }

    @Test
    void aCorrectlySignedInitDataWithoutUserIsRefused() {
        assertThat(reasonFor(NO_USER)).isEqualTo(AuthFailure.MISSING_USER);
    }

    @Test
    void missingOrMalformedInputHasItsOwnReason() {
        assertThat(reasonFor("")).isEqualTo(AuthFailure.MISSING);
        assertThat(reasonFor(null)).isEqualTo(AuthFailure.MISSING);
        assertThat(reasonFor("auth_date=1&user=%zz&hash=00")).isEqualTo(AuthFailure.MALFORMED);
        assertThat(reasonFor("auth_date=1&auth_date=2")).isEqualTo(AuthFailure.MALFORMED);
        assertThat(reasonFor("auth_date")).isEqualTo(AuthFailure.MALFORMED);
        assertThat(reasonFor("a=%C3")).isEqualTo(AuthFailure.MALFORMED);
        assertThat(reasonFor("a=é")).isEqualTo(AuthFailure.MALFORMED);
        assertThat(reasonFor("a=" + "x".repeat(InitData.MAX_LENGTH))).isEqualTo(AuthFailure.MALFORMED);
        assertThat(reasonFor("auth_date=1764090000")).isEqualTo(AuthFailure.MISSING_HASH);
        assertThat(reasonFor("auth_date=1764090000&hash=abc")).isEqualTo(AuthFailure.MISSING_HASH);
    }

    @Test
    void signedButUnusableFieldsHaveTheirOwnReason() {
        assertThat(reasonFor(signed(Map.of("user", "{\"id\":1,\"first_name\":\"A\"}"))))
                .isEqualTo(AuthFailure.MISSING_AUTH_DATE);
        assertThat(reasonFor(signed(Map.of("auth_date", "-5", "user", "{\"id\":1,\"first_name\":\"A\"}"))))
                .isEqualTo(AuthFailure.MISSING_AUTH_DATE);
        assertThat(reasonFor(signed(Map.of("auth_date", "1764090000", "user", "not json"))))
                .isEqualTo(AuthFailure.MALFORMED_USER);
        assertThat(reasonFor(signed(Map.of("auth_date", "1764090000", "user", "{\"first_name\":\"A\"}"))))
                .isEqualTo(AuthFailure.MALFORMED_USER);
        assertThat(reasonFor(signed(Map.of("auth_date", "1764090000", "user", "{\"id\":0,\"first_name\":\"A\"}"))))
                .isEqualTo(AuthFailure.MALFORMED_USER);
        assertThat(reasonFor(signed(
                        Map.of("auth_date", "1764090000", "user", "{\"id\":1,\"first_name\":\"A\",\"username\":5}"))))
                .isEqualTo(AuthFailure.MALFORMED_USER);
    }

    @Test
    void theTestsOwnSignerAgreesWithPython() {
        assertThat(signed(
                        new TreeMap<>(Map.of("auth_date", "1764090000", "user", "{\"id\":42,\"first_name\":\"Zoë\"}"))))
                .endsWith("hash=740b698d789f392cea723cdf860125d5e948351d9e57233c853d61f09ba29914");
    }

    @Test
    void everyReasonHasADistinctCode() {
        assertThat(java.util.Arrays.stream(AuthFailure.values()).map(AuthFailure::code))
                .doesNotHaveDuplicates()
                .allMatch(c -> c.matches("auth_[a-z_]+"));
    }

    private AuthFailure reasonFor(String initData) {
        try {
            validator.validate(initData);
        } catch (AuthenticationException e) {
            return e.reason();
        }
        throw new AssertionError("accepted: " + initData);
    }

    /** Signs {@code fields} with {@link #TOKEN}; checked against Python by {@link #theTestsOwnSignerAgreesWithPython}. */
    static String signed(Map<String, String> fields) {
        try {
            var sorted = new TreeMap<>(fields);
            String dcs = sorted.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("\n"));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec("WebAppData".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] secret = mac.doFinal(TOKEN.reveal().getBytes(StandardCharsets.UTF_8));
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            String hash = HexFormat.of().formatHex(mac.doFinal(dcs.getBytes(StandardCharsets.UTF_8)));
            return sorted.entrySet().stream()
                            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                            .collect(Collectors.joining("&"))
                    + "&hash=" + hash;
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
