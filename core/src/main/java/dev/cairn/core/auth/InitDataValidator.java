package dev.cairn.core.auth;

import dev.cairn.core.canonical.JsonBoolean;
import dev.cairn.core.canonical.JsonInteger;
import dev.cairn.core.canonical.JsonObject;
import dev.cairn.core.canonical.JsonParser;
import dev.cairn.core.canonical.JsonString;
import dev.cairn.core.canonical.JsonValue;
import dev.cairn.core.port.Clock;
import dev.cairn.core.user.TelegramProfile;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a Telegram Mini App {@code initData} string as Telegram specifies ("Validating data received via the Mini
 * App"), and returns the user it vouches for.
 *
 * <p>secret key = HMAC-SHA256(key {@code "WebAppData"}, message bot token); the {@code hash} field must equal
 * hex(HMAC-SHA256(secret key, data-check-string)), compared in constant time. Only then are the fields read:
 * {@code auth_date} must be at most {@code maxAge} old and at most {@code futureSkew} ahead of the clock, and
 * {@code user} must be the JSON object of a Telegram user. Thread-safe.
 */
public final class InitDataValidator {
    private static final String HMAC = "HmacSHA256";
    private static final Pattern HASH = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern SECONDS = Pattern.compile("[0-9]{1,12}");

    private final byte[] secretKey;
    private final Duration maxAge;
    private final Duration futureSkew;
    private final Clock clock;

    /**
     * @param maxAge how old an {@code auth_date} may be; Telegram signs once when the Mini App opens
     * @param futureSkew how far an {@code auth_date} may be ahead of {@code clock}, for clocks slightly apart
     */
    public InitDataValidator(BotToken token, Duration maxAge, Duration futureSkew, Clock clock) {
        Objects.requireNonNull(token, "token");
        this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
        this.futureSkew = Objects.requireNonNull(futureSkew, "futureSkew");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("maxAge must be positive: " + maxAge);
        }
        if (futureSkew.isNegative()) {
            throw new IllegalArgumentException("futureSkew must not be negative: " + futureSkew);
        }
        this.secretKey = hmac("WebAppData".getBytes(StandardCharsets.UTF_8), token.reveal());
    }

    /**
     * The user {@code initData} vouches for.
     *
     * @throws AuthenticationException with the first check that failed, in the order above
     */
    public TelegramLogin validate(String initData) {
        InitData data = InitData.parse(initData);
        String hash = data.get("hash")
                .filter(h -> HASH.matcher(h).matches())
                .orElseThrow(() ->
                        new AuthenticationException(AuthFailure.MISSING_HASH, "initData has no hash of 64 hex digits"));
        byte[] expected = hmac(secretKey, data.dataCheckString());
        if (!MessageDigest.isEqual(expected, HexFormat.of().parseHex(hash))) {
            throw new AuthenticationException(
                    AuthFailure.BAD_HASH, "initData hash does not match: altered, or signed for another bot");
        }
        Instant authDate = authDate(data);
        Optional<String> queryId = data.get("query_id");
        return new TelegramLogin(profile(data), authDate, queryId);
    }

    private Instant authDate(InitData data) {
        String text = data.get("auth_date")
                .filter(s -> SECONDS.matcher(s).matches())
                .orElseThrow(() -> new AuthenticationException(
                        AuthFailure.MISSING_AUTH_DATE,
                        "initData auth_date is missing or not seconds: " + data.get("auth_date")));
        Instant authDate = Instant.ofEpochSecond(Long.parseLong(text));
        Instant now = clock.instant();
        if (authDate.isAfter(now.plus(futureSkew))) {
            throw new AuthenticationException(
                    AuthFailure.FROM_FUTURE,
                    "initData auth_date " + authDate + " is ahead of this node's clock " + now + " by more than "
                            + futureSkew.toSeconds() + " s");
        }
        if (authDate.isBefore(now.minus(maxAge))) {
            throw new AuthenticationException(
                    AuthFailure.STALE,
                    "initData auth_date " + authDate + " is older than " + maxAge.toSeconds() + " s at " + now);
        }
        return authDate;
    }

    private static TelegramProfile profile(InitData data) {
        String text = data.get("user")
                .orElseThrow(() -> new AuthenticationException(AuthFailure.MISSING_USER, "initData has no user"));
        try {
            if (!(JsonParser.parse(text) instanceof JsonObject user)) {
                throw new IllegalArgumentException("user is not a JSON object");
            }
            return new TelegramProfile(
                    user.require("id", JsonInteger.class).value(),
                    user.require("first_name", JsonString.class).value(),
                    optionalString(user, "last_name"),
                    optionalString(user, "username"),
                    optionalString(user, "language_code"),
                    user.get("is_premium").map(v -> v.equals(JsonBoolean.TRUE)).orElse(false));
        } catch (IllegalArgumentException e) {
            throw new AuthenticationException(AuthFailure.MALFORMED_USER, "initData user: " + e.getMessage());
        }
    }

    private static Optional<String> optionalString(JsonObject user, String key) {
        Optional<JsonValue> value = user.get(key);
        if (value.isPresent() && !(value.get() instanceof JsonString)) {
            throw new IllegalArgumentException("field \"" + key + "\" is not a string");
        }
        return value.map(v -> ((JsonString) v).value());
    }

    private static byte[] hmac(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK provides " + HMAC, e);
        }
    }
}
