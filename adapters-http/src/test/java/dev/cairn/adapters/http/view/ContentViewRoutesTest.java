package dev.cairn.adapters.http.view;

import static dev.cairn.adapters.http.view.ViewNode.ADA;
import static dev.cairn.adapters.http.view.ViewNode.BO;
import static dev.cairn.adapters.http.view.ViewNode.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.adapters.http.server.TestHttp;
import dev.cairn.adapters.http.upload.TusServer;
import dev.cairn.core.content.ContentKind;
import dev.cairn.core.content.ContentRecord;
import dev.cairn.core.content.view.Prices;
import dev.cairn.core.conversion.Derivative;
import dev.cairn.core.conversion.DerivativeKind;
import dev.cairn.core.conversion.DerivativeStatus;
import dev.cairn.core.dht.MetricState;
import dev.cairn.core.id.ContentId;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code content.view} over real HTTP: each row of the display policy, end to end, and its refusals. */
class ContentViewRoutesTest {
    @TempDir
    Path dataDir;

    private ViewNode node;

    @BeforeEach
    void start() throws IOException {
        node = new ViewNode(dataDir);
    }

    @AfterEach
    void stop() throws IOException {
        node.close();
    }

    private static JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        return TestHttp.json(response);
    }

    private static List<String> kinds(JsonNode view) {
        List<String> kinds = new ArrayList<>();
        view.get("display_options").forEach(o -> kinds.add(o.get("kind").asText()));
        return kinds;
    }

    /** Ada uploads a file over the single-request route: a binary content she owns. */
    private String uploadBinary(byte[] bytes) {
        var response = node.http.send(HttpRequest.newBuilder(node.http.uri("/api/v1/storage?filename=a.bin"))
                .header("Authorization", TusServer.tma(ADA))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return TestHttp.json(response).get("content_id").asText();
    }

    @Test
    void aBinaryWithoutLicenseHidesTheOriginalAndOffersThePurchaseToUsersAndAnonymousCallers() {
        String id = uploadBinary(bytes(100_000, 1));
        node.prices.set(ContentId.fromHex(id), Prices.of(50, 2_000_000_000L));

        for (long caller : new long[] {BO, 0}) {
            JsonNode view = ok(node.view(id, caller));

            assertThat(view.get("content_id").asText()).isEqualTo(id);
            assertThat(view.get("kind").asText()).isEqualTo("binary");
            assertThat(view.get("size").asLong()).isEqualTo(100_000);
            assertThat(view.get("status").asText()).isEqualTo("ready");
            assertThat(view.get("display_options")).isEmpty();
            assertThat(view.get("downloadable").asBoolean()).isFalse();
            assertThat(view.get("license").asText()).isEqualTo("unlicensed");
            assertThat(view.get("purchase_options").toString())
                    .isEqualTo("[{\"method\":\"stars\",\"amount\":50,\"currency\":\"XTR\"},"
                            + "{\"method\":\"ton\",\"amount\":2000000000,\"currency\":\"TON\"}]");
        }
    }

    @Test
    void aBinaryIsTheDecryptedOriginalToDownloadForItsOwnerAndLicensees() {
        byte[] bytes = bytes(100_000, 2);
        String id = uploadBinary(bytes);
        node.license(BO, ContentId.fromHex(id));

        for (long caller : new long[] {ADA, BO}) {
            JsonNode view = ok(node.view(id, caller));

            assertThat(view.get("license").asText()).isEqualTo(caller == ADA ? "owner" : "licensed");
            assertThat(view.get("downloadable").asBoolean()).isTrue();
            assertThat(view.get("purchase_options")).isEmpty();
            JsonNode original = view.get("display_options").get(0);
            assertThat(view.get("display_options")).hasSize(1);
            assertThat(original.get("kind").asText()).isEqualTo("original");
            assertThat(original.get("action").asText()).isEqualTo("download");
            assertThat(original.get("decrypted").asBoolean()).isTrue();
            assertThat(original.get("url").asText())
                    .startsWith("/api/v1/media/" + id + "/original?u=" + caller + "&exp=");
            var file = node.fetch(original.get("url").asText(), Map.of());
            assertThat(file.statusCode()).isEqualTo(200);
            assertThat(file.body()).isEqualTo(bytes);
        }
    }

    @Test
    void audioAndVideoWithoutLicenseArePublicPreviewOnly() throws IOException {
        ContentRecord film = node.content(ContentKind.VIDEO, "video/mp4", bytes(50_000, 3));
        byte[] preview = bytes(3_000, 4);
        byte[] cover = bytes(500, 5);
        Derivative p = node.ready(film, DerivativeKind.PREVIEW, preview, false);
        Derivative c = node.ready(film, DerivativeKind.COVER, cover, false);
        node.ready(film, DerivativeKind.LOW, bytes(20_000, 6), true);
        node.ready(film, DerivativeKind.HIGH, bytes(40_000, 7), true);

        for (long caller : new long[] {BO, 0}) {
            JsonNode view = ok(node.view(film.id().hex(), caller));

            assertThat(kinds(view)).containsExactly("preview");
            JsonNode option = view.get("display_options").get(0);
            assertThat(option.get("action").asText()).isEqualTo("play");
            assertThat(option.get("decrypted").asBoolean()).isFalse();
            assertThat(option.get("mime_type").asText()).isEqualTo("video/mp4");
            assertThat(option.get("url").asText())
                    .isEqualTo("/api/v1.5/storage/" + p.blob().orElseThrow().hex());
            assertThat(option.has("expires_at")).isFalse();
            assertThat(view.get("cover_url").asText())
                    .isEqualTo("/api/v1.5/storage/" + c.blob().orElseThrow().hex());
            assertThat(view.get("duration_ms").asLong()).isEqualTo(180_000);
            assertThat(view.get("status").asText()).isEqualTo("ready");
        }
        assertThat(node.fetch("/api/v1.5/storage/" + p.blob().orElseThrow().hex(), Map.of())
                        .body())
                .isEqualTo(preview);
    }

    @Test
    void audioAndVideoWithLicenseOrToTheOwnerAreDecryptedLowAndHigh() throws IOException {
        ContentRecord song = node.content(ContentKind.AUDIO, "audio/mpeg", bytes(50_000, 8));
        node.ready(song, DerivativeKind.PREVIEW, bytes(3_000, 9), false);
        byte[] low = bytes(20_000, 10);
        byte[] high = bytes(40_000, 11);
        node.ready(song, DerivativeKind.LOW, low, true);
        node.ready(song, DerivativeKind.HIGH, high, true);
        node.license(BO, song.id());

        for (long caller : new long[] {ADA, BO}) {
            JsonNode view = ok(node.view(song.id().hex(), caller));

            assertThat(kinds(view)).containsExactly("low", "high");
            for (JsonNode option : view.get("display_options")) {
                assertThat(option.get("decrypted").asBoolean()).isTrue();
                assertThat(option.get("mime_type").asText()).isEqualTo("audio/mp4");
                assertThat(option.get("expires_at").asLong())
                        .isEqualTo(TusServer.NOW_SECONDS + ViewNode.URL_LIFETIME.toSeconds());
                byte[] expected = option.get("kind").asText().equals("low") ? low : high;
                assertThat(node.fetch(option.get("url").asText(), Map.of()).body())
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void derivativesNotReadyShowTheirProgressAndOnlyWhatIsReady() throws IOException {
        ContentRecord film = node.content(ContentKind.VIDEO, "video/mp4", bytes(50_000, 12));
        node.ready(film, DerivativeKind.PREVIEW, bytes(3_000, 13), false);
        node.put(film, DerivativeKind.LOW, DerivativeStatus.PROCESSING, 40, null);
        node.put(film, DerivativeKind.HIGH, DerivativeStatus.PENDING, 0, null);
        node.license(BO, film.id());

        JsonNode view = ok(node.view(film.id().hex(), BO));

        assertThat(view.get("status").asText()).isEqualTo("processing");
        assertThat(view.get("derivatives").toString())
                .isEqualTo("[{\"kind\":\"preview\",\"status\":\"ready\",\"progress_percent\":100},"
                        + "{\"kind\":\"low\",\"status\":\"processing\",\"progress_percent\":40},"
                        + "{\"kind\":\"high\",\"status\":\"pending\",\"progress_percent\":0},"
                        + "{\"kind\":\"cover\",\"status\":\"pending\",\"progress_percent\":0}]");
        assertThat(kinds(view)).containsExactly("preview");
        assertThat(view.has("cover_url")).isFalse();
    }

    @Test
    void aFailureShowsItsReasonToTheOwnerAndANeutralStateToOthers() throws IOException {
        ContentRecord film = node.content(ContentKind.VIDEO, "video/mp4", bytes(50_000, 14));
        node.ready(film, DerivativeKind.PREVIEW, bytes(3_000, 15), false);
        node.ready(film, DerivativeKind.COVER, bytes(300, 16), false);
        node.put(film, DerivativeKind.LOW, DerivativeStatus.FAILED, 70, "encoder: H.264 refused the frame size");

        JsonNode owner = ok(node.view(film.id().hex(), ADA));
        JsonNode other = ok(node.view(film.id().hex(), BO));

        assertThat(owner.get("status").asText()).isEqualTo("failed");
        assertThat(owner.get("derivatives").get(1).toString())
                .isEqualTo("{\"kind\":\"low\",\"status\":\"failed\",\"progress_percent\":70,"
                        + "\"failure_reason\":\"encoder: H.264 refused the frame size\"}");
        assertThat(other.get("status").asText()).isEqualTo("unavailable");
        assertThat(other.get("derivatives").get(1).toString())
                .isEqualTo("{\"kind\":\"low\",\"status\":\"unavailable\",\"progress_percent\":0}");
        assertThat(other.toString()).doesNotContain("H.264");
    }

    @Test
    void aPublicRenditionStoredEncryptedIsServedDecryptedByTheUnsignedMediaUrl() throws IOException {
        ContentRecord photo = node.content(ContentKind.IMAGE, "image/png", bytes(8_000, 17));
        byte[] preview = bytes(2_000, 18);
        node.ready(photo, DerivativeKind.PREVIEW, preview, true);

        JsonNode view = ok(node.view(photo.id().hex(), 0));

        String url = "/api/v1/media/" + photo.id().hex() + "/preview";
        assertThat(view.get("display_options").get(0).get("url").asText()).isEqualTo(url);
        assertThat(view.get("display_options").get(0).get("action").asText()).isEqualTo("show");
        assertThat(view.get("cover_url").asText()).isEqualTo(url);
        var answer = node.fetch(url, Map.of());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo(preview);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("image/jpeg");
    }

    @Test
    void anUnknownContentIs404AndAMalformedId400() {
        var unknown = node.view("ab".repeat(32), BO);
        var malformed = node.view("AB".repeat(32), BO);
        var tooShort = node.view("ab".repeat(31), 0);

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(TestHttp.json(unknown).get("code").asText()).isEqualTo("content_not_found");
        for (var response : List.of(malformed, tooShort)) {
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(TestHttp.json(response).get("code").asText()).isEqualTo("malformed_content_id");
        }
    }

    @Test
    void aBadAuthorizationIs401NeverAnAnonymousView() {
        String id = uploadBinary(bytes(10, 19));
        char[] forged = TusServer.tma(BO).toCharArray();
        forged[forged.length - 1] = forged[forged.length - 1] == '0' ? '1' : '0';

        var response = node.http.get("/api/v1/content.view/" + id, Map.of("Authorization", new String(forged)));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(TestHttp.json(response).get("code").asText()).isEqualTo("auth_bad_hash");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("tma");
        assertThat(Arrays.asList(response.body())).doesNotContain(new String(forged));
    }

    @Test
    void aViewReportedWithTheQueryIsCountedInTheOverlaysWindow() throws IOException {
        ContentRecord song = node.content(ContentKind.AUDIO, "audio/mpeg", bytes(1_000, 30));
        String query = "?watch_time=95&bytes_out=4000000&completed=true&device_salt=phone-7Fa_";

        JsonNode first = ok(node.http.get(
                "/api/v1/content.view/" + song.id().hex() + query, Map.of("Authorization", TusServer.tma(BO))));
        JsonNode again = ok(node.view(song.id().hex() + query, 0));

        assertThat(first.get("metrics_recorded").asBoolean()).isTrue();
        // The same device again within 30 s: answered, not counted.
        assertThat(again.get("metrics_recorded").asBoolean()).isFalse();
        MetricState window =
                node.metrics.window(song.id(), node.server.clock.epochSecond()).orElseThrow();
        assertThat(window.views().value()).isEqualTo(1);
        assertThat(window.watchTimeSeconds().value()).isEqualTo(95);
        assertThat(window.bytesOut().value()).isEqualTo(4_000_000);
        assertThat(window.completions().value()).isEqualTo(1);
        assertThat(ok(node.view(song.id().hex(), 0)).has("metrics_recorded")).isFalse();
    }

    @Test
    void aMalformedNegativeAbsurdOrRepeatedReportIs400AndCountsNothing() throws IOException {
        ContentRecord song = node.content(ContentKind.AUDIO, "audio/mpeg", bytes(1_000, 31));
        for (String query : new String[] {
            "?watch_time=-5&device_salt=abc",
            "?watch_time=86401&device_salt=abc",
            "?bytes_out=99999999999999999999&device_salt=abc",
            "?watch_time=5",
            "?watch_time=5&watch_time=5&device_salt=abc",
            "?device_salt=abc&device_salt=def",
            "?completed=yes&device_salt=abc",
            "?device_salt=" + "a".repeat(65),
            "?device_salt=a%20b"
        }) {
            var response = node.view(song.id().hex() + query, 0);
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(TestHttp.json(response).get("code").asText()).isEqualTo("invalid_metrics");
        }
        assertThat(node.metrics.window(song.id(), node.server.clock.epochSecond()))
                .isEmpty();
    }
}
