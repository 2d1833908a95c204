package dev.cairn.adapters.http.view;

import static dev.cairn.adapters.http.view.ViewNode.BO;
import static dev.cairn.adapters.http.view.ViewNode.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.adapters.http.server.TestHttp;
import dev.cairn.core.content.ContentKind;
import dev.cairn.core.content.ContentRecord;
import dev.cairn.core.conversion.Derivative;
import dev.cairn.core.conversion.DerivativeKind;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Licensed renditions through signed media URLs over real HTTP: decryption with Range, and every refusal. */
class MediaRoutesTest {
    @TempDir
    Path dataDir;

    private ViewNode node;
    private ContentRecord film;
    private Derivative high;
    private final byte[] highBytes = bytes(300_000, 21);

    @BeforeEach
    void start() throws IOException {
        node = new ViewNode(dataDir);
        film = node.content(ContentKind.VIDEO, "video/mp4", bytes(50_000, 20));
        node.ready(film, DerivativeKind.PREVIEW, bytes(3_000, 22), false);
        node.ready(film, DerivativeKind.LOW, bytes(100_000, 23), true);
        high = node.ready(film, DerivativeKind.HIGH, highBytes, true);
        node.license(BO, film.id());
    }

    @AfterEach
    void stop() throws IOException {
        node.close();
    }

    /** The signed URL content.view hands Bo for the high rendition. */
    private String highUrl() {
        JsonNode view = TestHttp.json(node.view(film.id().hex(), BO));
        for (JsonNode option : view.get("display_options")) {
            if (option.get("kind").asText().equals("high")) {
                return option.get("url").asText();
            }
        }
        throw new AssertionError("no high option in " + view);
    }

    private static String code(HttpResponse<byte[]> response) {
        try {
            return new ObjectMapper().readTree(response.body()).get("code").asText();
        } catch (IOException e) {
            throw new AssertionError(new String(response.body(), StandardCharsets.UTF_8), e);
        }
    }

    @Test
    void aSignedUrlServesTheDecryptedRenditionWithItsBlobAsETag() {
        var response = node.fetch(highUrl(), Map.of());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(highBytes);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("video/mp4");
        assertThat(response.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(response.headers().firstValue("ETag"))
                .hasValue('"' + high.blob().orElseThrow().hex() + '"');
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("private, max-age=600");
    }

    @Test
    void aRangeIsDecryptedFromItsFirstByte() {
        String url = highUrl();

        // Not on a 16-byte block boundary, so the keystream must be positioned inside a block.
        var one = node.fetch(url, Map.of("Range", "bytes=100003-200010"));
        var suffix = node.fetch(url, Map.of("Range", "bytes=-7"));
        var several = node.fetch(url, Map.of("Range", "bytes=0-9,299990-"));
        var unsatisfiable = node.fetch(url, Map.of("Range", "bytes=300000-"));

        assertThat(one.statusCode()).isEqualTo(206);
        assertThat(one.headers().firstValue("Content-Range")).hasValue("bytes 100003-200010/300000");
        assertThat(one.body()).isEqualTo(Arrays.copyOfRange(highBytes, 100_003, 200_011));
        assertThat(suffix.body()).isEqualTo(Arrays.copyOfRange(highBytes, 299_993, 300_000));
        assertThat(several.statusCode()).isEqualTo(206);
        assertThat(several.headers().firstValue("Content-Type").orElseThrow()).startsWith("multipart/byteranges");
        assertThat(unsatisfiable.statusCode()).isEqualTo(416);
        assertThat(unsatisfiable.headers().firstValue("Content-Range")).hasValue("bytes */300000");
    }

    @Test
    void headAnswersTheHeadersOfGetAfterTheSameChecks() {
        var ok = node.http.send(HttpRequest.newBuilder(node.http.uri(highUrl()))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build());
        var forged =
                node.http.send(HttpRequest.newBuilder(node.http.uri(highUrl().replace("u=7", "u=8")))
                        .method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .build());

        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("Content-Length")).hasValue("300000");
        assertThat(forged.statusCode()).isEqualTo(403);
    }

    @Test
    void anExpiredUrlIs403() {
        String url = highUrl();
        node.server.clock.advance(ViewNode.URL_LIFETIME);

        var response = node.fetch(url, Map.of());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(code(response)).isEqualTo("media_url_expired");
    }

    @Test
    void aUrlWithAnyPartChangedIs403() {
        String url = highUrl();
        String exp = url.replaceAll(".*exp=([0-9]+).*", "$1");
        String sig = url.replaceAll(".*sig=", "");
        String otherSig = (sig.charAt(0) == 'A' ? "B" : "A") + sig.substring(1);

        for (String altered : new String[] {
            url.replace("/high?", "/low?"),
            url.replace("u=7&", "u=42&"),
            url.replace("exp=" + exp, "exp=" + (Long.parseLong(exp) + 86_400)),
            url.replace(sig, otherSig)
        }) {
            var response = node.fetch(altered, Map.of());
            assertThat(response.statusCode()).as(altered).isEqualTo(403);
            assertThat(code(response)).isEqualTo("media_url_altered");
        }
    }

    @Test
    void aMalformedUrlIs400() {
        String url = highUrl();
        String base = "/api/v1/media/" + film.id().hex();
        for (String malformed : new String[] {
            base + "/high",
            url.replace("u=7", "u=seven"),
            url.replaceAll("exp=[0-9]+", "exp="),
            url.replaceAll("sig=.*", "sig=short"),
            base + "/decrypted_high?u=7&exp=1&sig=x"
        }) {
            var response = node.fetch(malformed, Map.of());
            assertThat(response.statusCode()).as(malformed).isEqualTo(400);
            assertThat(code(response)).isEqualTo("media_url_malformed");
        }
        var badId = node.fetch("/api/v1/media/XYZ/preview", Map.of());
        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(code(badId)).isEqualTo("malformed_content_id");
    }

    @Test
    void aLicenseRevokedAfterSigningStopsTheUrl() {
        String url = highUrl();
        node.licenses.revoke(BO, film.id());

        var response = node.fetch(url, Map.of());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(code(response)).isEqualTo("media_not_licensed");
    }

    @Test
    void aRenditionThatIsNotReadyIs404() {
        node.derivatives.put(Derivative.pending(film.id(), DerivativeKind.HIGH, node.server.clock.instant()));

        var response = node.fetch(node.signer.url(node.signer.grant(film.id(), DerivativeKind.HIGH, BO)), Map.of());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(code(response)).isEqualTo("media_not_ready");
    }

    @Test
    void thePublicPreviewNeedsNoSignature() {
        var response = node.fetch("/api/v1/media/" + film.id().hex() + "/preview", Map.of());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("public, max-age=3600");
    }
}
