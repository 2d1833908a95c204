package dev.cairn.core.content.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.conversion.DerivativeKind;
import dev.cairn.core.hash.Digest256;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.port.ManualClock;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signed media URLs: valid, expired, altered in each part, malformed; the key file. */
class MediaSignerTest {
    static final byte[] KEY =
            HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    static final ContentId FILM = new ContentId(Digest256.blake3("film".getBytes(StandardCharsets.UTF_8)));
    static final long NOW = 1_764_090_000L;

    final ManualClock clock = new ManualClock(NOW * 1000);
    final MediaSigner signer = new MediaSigner(KEY, clock, Duration.ofMinutes(10));

    /** The URL's parts, as the HTTP route hands them over. */
    record Parts(String content, String kind, Map<String, String> query) {
        static Parts of(String url) {
            URI uri = URI.create(url);
            String[] path =
                    uri.getPath().substring(MediaSigner.PATH_PREFIX.length()).split("/");
            Map<String, String> query = new HashMap<>();
            for (String pair : uri.getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(kv[0], kv[1]);
            }
            return new Parts(path[0], path[1], query);
        }

        Parts with(String name, String value) {
            var q = new HashMap<>(query);
            q.put(name, value);
            return new Parts(content, kind, q);
        }

        MediaGrant verify(MediaSigner signer) throws MediaUrlException {
            return signer.verify(content, kind, query.get("u"), query.get("exp"), query.get("sig"));
        }
    }

    Parts signed() {
        return Parts.of(signer.url(signer.grant(FILM, DerivativeKind.HIGH, 42)));
    }

    @Test
    void aUrlSignedHereVerifiesUntilItExpires() throws Exception {
        String url = signer.url(signer.grant(FILM, DerivativeKind.HIGH, 42));

        assertThat(url)
                .matches("/api/v1/media/" + FILM.hex() + "/high\\?u=42&exp=" + (NOW + 600) + "&sig=[A-Za-z0-9_-]{43}");
        clock.advance(Duration.ofMillis(599_999));
        assertThat(Parts.of(url).verify(signer)).isEqualTo(new MediaGrant(FILM, DerivativeKind.HIGH, 42, NOW + 600));
    }

    @Test
    void theSignatureIsHmacSha256OverTheLabelledParts() throws Exception {
        var mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(KEY, "HmacSHA256"));
        byte[] expected = mac.doFinal(("cairn media url v1\0" + FILM.hex() + "\0high\00042\0" + (NOW + 600))
                .getBytes(StandardCharsets.UTF_8));

        assertThat(signer.signature(new MediaGrant(FILM, DerivativeKind.HIGH, 42, NOW + 600)))
                .isEqualTo(java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(expected));
    }

    @Test
    void anExpiredUrlIsRefusedAsExpired() {
        Parts parts = signed();
        clock.advance(Duration.ofMillis(600_000));

        assertThatThrownBy(() -> parts.verify(signer))
                .isInstanceOfSatisfying(
                        MediaUrlException.class,
                        e -> assertThat(e.reason()).isEqualTo(MediaUrlException.Reason.EXPIRED));
    }

    @Test
    void changingAnyPartIsRefusedAsAltered() {
        Parts parts = signed();
        ContentId other = new ContentId(Digest256.blake3("other".getBytes(StandardCharsets.UTF_8)));
        String sig = parts.query().get("sig");
        String flipped = (sig.charAt(0) == 'A' ? 'B' : 'A') + sig.substring(1);
        String flippedLast = sig.substring(0, 42) + (sig.charAt(42) == 'A' ? 'E' : 'A');

        for (Parts altered : new Parts[] {
            new Parts(other.hex(), parts.kind(), parts.query()),
            new Parts(parts.content(), "low", parts.query()),
            parts.with("u", "43"),
            // A later expiry is the alteration most worth trying.
            parts.with("exp", String.valueOf(NOW + 100_000)),
            parts.with("sig", flipped),
            parts.with("sig", flippedLast)
        }) {
            assertThatThrownBy(() -> altered.verify(signer))
                    .as("%s", altered)
                    .isInstanceOfSatisfying(
                            MediaUrlException.class,
                            e -> assertThat(e.reason()).isEqualTo(MediaUrlException.Reason.ALTERED));
        }
    }

    @Test
    void aForgedUrlIsAlteredEvenWhenItsExpiryHasPassed() {
        Parts forged = signed().with("u", "43");
        clock.advance(Duration.ofMillis(3_600_000));

        assertThatThrownBy(() -> forged.verify(signer))
                .isInstanceOfSatisfying(
                        MediaUrlException.class,
                        e -> assertThat(e.reason()).isEqualTo(MediaUrlException.Reason.ALTERED));
    }

    @Test
    void anotherNodesKeyDoesNotVerify() {
        byte[] otherKey = KEY.clone();
        otherKey[0] ^= 1;
        MediaSigner other = new MediaSigner(otherKey, clock, Duration.ofMinutes(10));

        assertThatThrownBy(() -> signed().verify(other))
                .isInstanceOfSatisfying(
                        MediaUrlException.class,
                        e -> assertThat(e.reason()).isEqualTo(MediaUrlException.Reason.ALTERED));
    }

    @Test
    void partsNotOfTheirFormAreMalformed() {
        Parts parts = signed();
        String sig = parts.query().get("sig");
        for (Parts malformed : new Parts[] {
            new Parts(parts.content().toUpperCase(java.util.Locale.ROOT), parts.kind(), parts.query()),
            new Parts(parts.content().substring(1), parts.kind(), parts.query()),
            new Parts(parts.content(), "HIGH", parts.query()),
            new Parts(parts.content(), "decrypted_high", parts.query()),
            parts.with("u", null),
            parts.with("u", "0"),
            parts.with("u", "-42"),
            parts.with("u", "042"),
            parts.with("u", "+42"),
            parts.with("exp", "abc"),
            parts.with("exp", "99999999999999999999"),
            parts.with("sig", null),
            parts.with("sig", sig.substring(1)),
            parts.with("sig", sig + "A"),
            parts.with("sig", sig.substring(0, 42) + "B"),
            parts.with("sig", sig.substring(0, 42) + "="),
            parts.with("sig", sig.replace(sig.charAt(3), '+'))
        }) {
            assertThatThrownBy(() -> malformed.verify(signer))
                    .as("%s", malformed)
                    .isInstanceOfSatisfying(
                            MediaUrlException.class,
                            e -> assertThat(e.reason()).isEqualTo(MediaUrlException.Reason.MALFORMED));
        }
    }

    @Test
    void theKeyFileIsCreatedOwnerOnlyAndReadBackUnchanged(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("media-url.key");

        byte[] first = MediaKeyFile.loadOrCreate(file, new java.util.Random(1)::nextBytes);
        byte[] again = MediaKeyFile.loadOrCreate(file, new java.util.Random(2)::nextBytes);

        assertThat(first).hasSize(32).isEqualTo(again);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> MediaKeyFile.loadOrCreate(file, new java.util.Random(3)::nextBytes))
                .hasMessageContaining(file.toString());
    }
}
