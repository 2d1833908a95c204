package dev.cairn.adapters.http.view;

import static dev.cairn.adapters.http.view.ViewNode.ADA;
import static dev.cairn.adapters.http.view.ViewNode.BO;
import static dev.cairn.adapters.http.view.ViewNode.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.adapters.http.account.AccountContentsRoutes;
import dev.cairn.adapters.http.server.TestHttp;
import dev.cairn.adapters.http.upload.TusServer;
import dev.cairn.core.content.ContentKind;
import dev.cairn.core.content.ContentRecord;
import dev.cairn.core.conversion.DerivativeKind;
import dev.cairn.core.conversion.DerivativeStatus;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code account.contents} over real HTTP on loopback, for users with Telegram-signed {@code initData}. */
class AccountContentsRoutesTest {
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

    private HttpResponse<String> contents(long user, String query) {
        return node.http.get(AccountContentsRoutes.PATH + query, Map.of("Authorization", TusServer.tma(user)));
    }

    private static List<String> ids(JsonNode list) {
        var ids = new ArrayList<String>();
        list.forEach(item -> ids.add(item.get("content_id").asText()));
        return ids;
    }

    @Test
    void eachUserSeesOnlyWhatTheyUploadedAndWhatTheyHoldALicenseTo() throws IOException {
        ContentRecord song = node.content(ADA, ContentKind.AUDIO, "audio/mpeg", bytes(500, 1));
        node.server.clock.advance(Duration.ofSeconds(10));
        ContentRecord film = node.content(BO, ContentKind.VIDEO, "video/mp4", bytes(500, 2));
        for (DerivativeKind kind : List.of(DerivativeKind.PREVIEW, DerivativeKind.LOW, DerivativeKind.HIGH)) {
            node.put(song, kind, DerivativeStatus.FAILED, 0, "ffmpeg exited with 1");
        }
        node.server.clock.advance(Duration.ofSeconds(10));
        node.license(ADA, film.id());

        HttpResponse<String> adas = contents(ADA, "");

        assertThat(adas.statusCode()).as(adas.body()).isEqualTo(200);
        assertThat(adas.headers().firstValue("Cache-Control")).contains("no-store");
        JsonNode body = TestHttp.json(adas);
        assertThat(ids(body.get("uploads"))).containsExactly(song.id().hex());
        JsonNode upload = body.get("uploads").get(0);
        assertThat(upload.get("title").asText()).isEqualTo(song.title());
        assertThat(upload.get("kind").asText()).isEqualTo("audio");
        assertThat(upload.get("status").asText()).isEqualTo("failed");
        assertThat(upload.get("created_at").asLong()).isEqualTo(song.createdAt().toEpochMilli());
        assertThat(ids(body.get("purchases"))).containsExactly(film.id().hex());
        JsonNode purchase = body.get("purchases").get(0);
        assertThat(purchase.get("kind").asText()).isEqualTo("video");
        assertThat(purchase.get("status").asText()).isEqualTo("pending");
        assertThat(purchase.get("granted_at").asLong())
                .isEqualTo(node.server.clock.instant().toEpochMilli());

        JsonNode bos = TestHttp.json(contents(BO, ""));
        assertThat(ids(bos.get("uploads"))).containsExactly(film.id().hex());
        assertThat(bos.get("purchases")).isEmpty();
    }

    @Test
    void theNewestComeFirstAndTheLimitBoundsEachList() throws IOException {
        var uploaded = new ArrayList<String>();
        for (int i = 0; i < 3; i++) {
            uploaded.addFirst(node.content(ADA, ContentKind.BINARY, "application/zip", bytes(100, 10 + i))
                    .id()
                    .hex());
            node.server.clock.advance(Duration.ofSeconds(1));
        }

        assertThat(ids(TestHttp.json(contents(ADA, "")).get("uploads"))).isEqualTo(uploaded);
        assertThat(ids(TestHttp.json(contents(ADA, "?limit=2")).get("uploads"))).isEqualTo(uploaded.subList(0, 2));
        assertThat(ids(TestHttp.json(contents(ADA, "?limit=200")).get("uploads")))
                .isEqualTo(uploaded);
    }

    @Test
    void aLimitOutOfBoundsOrNotANumberIs400NamingTheParameter() {
        for (String bad : List.of("0", "-1", "201", "abc", "")) {
            HttpResponse<String> response = contents(ADA, "?limit=" + bad);

            assertThat(response.statusCode()).as(bad).isEqualTo(400);
            JsonNode error = TestHttp.json(response);
            assertThat(error.get("code").asText()).isEqualTo("invalid_parameter");
            assertThat(error.get("message").asText()).as(bad).contains("limit");
        }
    }

    @Test
    void withoutAuthorizationItIs401() {
        HttpResponse<String> response = node.http.get(AccountContentsRoutes.PATH);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).contains("tma");
        assertThat(TestHttp.json(response).get("code").asText()).isEqualTo("auth_missing");
    }
}
