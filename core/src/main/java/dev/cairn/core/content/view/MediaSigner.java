package dev.cairn.core.content.view;

import dev.cairn.core.conversion.DerivativeKind;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.port.Clock;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Short-lived signed URLs for licensed renditions: a media element cannot send an {@code Authorization} header, so
 * the URL itself carries who may fetch what until when, signed by this node.
 *
 * <p>Form: {@code /api/v1/media/{content_id}/{kind}?u=<user id>&exp=<epoch seconds>&sig=<base64url>}. The signature is
 * HMAC-SHA256 under the node's media URL key over the UTF-8 bytes of {@code "cairn media url v1" 0x00 content_id 0x00
 * kind 0x00 u 0x00 exp}, each in its URL form (64 lowercase hex, the lower-case kind, decimal numbers without sign or
 * leading zeros): no field can hold a NUL, so no two URLs sign the same bytes. The whole 32-byte tag is sent, base64url
 * without padding (43 characters).
 *
 * <p>Verification parses every part first (a part not of its form: {@link MediaUrlException.Reason#MALFORMED}), then
 * compares the tag in constant time ({@link MessageDigest#isEqual}: its time depends on the length only, which is
 * fixed), then checks the expiry, so a forged URL is {@code ALTERED} whatever expiry it names.
 */
public final class MediaSigner {
    /** The length of the media URL key, and of the tag. */
    public static final int KEY_LENGTH = 32;

    public static final String PATH_PREFIX = "/api/v1/media/";

    private static final String ALGORITHM = "HmacSHA256";
    private static final String LABEL = "cairn media url v1";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final Clock clock;
    private final Duration lifetime;

    /**
     * @param key the node's media URL key ({@link MediaKeyFile}), {@value #KEY_LENGTH} bytes
     * @param lifetime how long a URL works after it is signed: long enough to start and seek a long film, short enough
     *     that a leaked URL soon stops working
     */
    public MediaSigner(byte[] key, Clock clock, Duration lifetime) {
        if (Objects.requireNonNull(key, "key").length != KEY_LENGTH) {
            throw new IllegalArgumentException("a media URL key is " + KEY_LENGTH + " bytes, got " + key.length);
        }
        this.key = new SecretKeySpec(key, ALGORITHM);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("a media URL lifetime is > 0, got " + lifetime);
        }
    }

    /** A grant for {@code userId} to fetch {@code kind} of {@code content}, expiring a lifetime from now. */
    public MediaGrant grant(ContentId content, DerivativeKind kind, long userId) {
        return new MediaGrant(content, kind, userId, clock.epochSecond() + lifetime.toSeconds());
    }

    /** The signed path (with query) of {@code grant}, relative to the node's base URL. */
    public String url(MediaGrant grant) {
        return PATH_PREFIX + grant.content().hex() + "/" + grant.kind().wire() + "?u=" + grant.userId() + "&exp="
                + grant.expiresAt() + "&sig=" + signature(grant);
    }

    /** The {@code sig} parameter of {@code grant}. */
    public String signature(MediaGrant grant) {
        return B64.encodeToString(tag(grant));
    }

    /**
     * What the URL's parts allow, if this node signed them and they have not expired.
     *
     * @param content the path's content id
     * @param kind the path's rendition kind
     * @param user the {@code u} parameter (null when absent)
     * @param expires the {@code exp} parameter (null when absent)
     * @param signature the {@code sig} parameter (null when absent)
     * @throws MediaUrlException malformed, altered or expired
     */
    public MediaGrant verify(String content, String kind, String user, String expires, String signature)
            throws MediaUrlException {
        ContentId id;
        try {
            id = ContentId.fromHex(Objects.requireNonNullElse(content, ""));
        } catch (IllegalArgumentException e) {
            throw malformed("the content id is not 64 lowercase hex digits");
        }
        DerivativeKind derivative = kind(kind);
        long userId = number("u", user);
        if (userId == 0) {
            throw malformed("u is a Telegram user id > 0, got 0");
        }
        long expiresAt = number("exp", expires);
        byte[] presented = tag(signature);
        MediaGrant grant = new MediaGrant(id, derivative, userId, expiresAt);
        if (!MessageDigest.isEqual(presented, tag(grant))) {
            throw new MediaUrlException(
                    MediaUrlException.Reason.ALTERED, "the media URL's signature does not match its parts");
        }
        long now = clock.epochSecond();
        if (now >= expiresAt) {
            throw new MediaUrlException(
                    MediaUrlException.Reason.EXPIRED,
                    "the media URL expired at " + expiresAt + " (now " + now + "); ask content.view for a fresh one");
        }
        return grant;
    }

    private static DerivativeKind kind(String wire) throws MediaUrlException {
        for (DerivativeKind k : DerivativeKind.values()) {
            if (k.wire().equals(wire)) {
                return k;
            }
        }
        throw malformed("the rendition is one of preview, low, high, cover, original, got '" + wire + "'");
    }

    /** A decimal number of at most 18 digits, no sign, no leading zero: the one form {@link #url} writes. */
    private static long number(String name, String text) throws MediaUrlException {
        if (text == null || !text.matches("0|[1-9][0-9]{0,17}")) {
            throw malformed(name + " is a decimal number without sign or leading zeros");
        }
        return Long.parseLong(text);
    }

    private static byte[] tag(String text) throws MediaUrlException {
        // 43 characters of base64url is 32 bytes with 2 spare bits, which must be zero for the one canonical form.
        if (text == null || !text.matches("[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]")) {
            throw malformed("sig is 43 characters of base64url");
        }
        return B64_DECODER.decode(text);
    }

    private byte[] tag(MediaGrant grant) {
        String message = LABEL
                + '\0'
                + grant.content().hex()
                + '\0'
                + grant.kind().wire()
                + '\0'
                + grant.userId()
                + '\0'
                + grant.expiresAt();
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is in every JDK", e);
        }
    }

    private static MediaUrlException malformed(String message) {
        return new MediaUrlException(MediaUrlException.Reason.MALFORMED, message);
    }
}
