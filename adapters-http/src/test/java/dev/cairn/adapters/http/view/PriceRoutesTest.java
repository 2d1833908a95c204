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
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code PUT /api/v1/content.prices/{id}} over real HTTP: the owner prices, others may not, bad prices are named. */
class PriceRoutesTest {
    @TempDir
    Path dataDir;

    private ViewNode node;
    private ContentRecord song;

    @BeforeEach
    void start() throws IOException {
        node = new ViewNode(dataDir);
        song = node.content(ADA, ContentKind.AUDIO, "audio/mpeg", bytes(500, 1));
    }

    @AfterEach
    void stop() throws IOException {
        node.close();
    }

    private HttpResponse<String> put(String id, long user, String body) {
        var request = HttpRequest.newBuilder(node.http.uri("/api/v1/content.prices/" + id))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body));
        if (user != 0) {
            request.header("Authorization", TusServer.tma(user));
        }
        return node.http.send(request.build());
    }

    @Test
    void theOwnerSetsPricesAndTheViewOffersThem() {
        var response = put(song.id().hex(), ADA, "{\"stars\":50,\"ton_nanotons\":1500000000}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(TestHttp.json(response).get("stars").asLong()).isEqualTo(50);
        assertThat(node.prices.of(song.id())).isEqualTo(Prices.of(50, 1_500_000_000L));
        JsonNode offered = TestHttp.json(node.view(song.id().hex(), BO)).get("purchase_options");
        assertThat(offered).hasSize(2);
        assertThat(offered.get(0).get("method").asText()).isEqualTo("stars");
    }

    @Test
    void oneMethodAloneOrNoneTakesTheOtherOffSale() {
        put(song.id().hex(), ADA, "{\"stars\":50,\"ton_nanotons\":7}");

        var starsOnly = put(song.id().hex(), ADA, "{\"stars\":75}");
        assertThat(TestHttp.json(starsOnly).has("ton_nanotons")).isFalse();
        assertThat(node.prices.of(song.id())).isEqualTo(new Prices(OptionalLong.of(75), OptionalLong.empty()));

        put(song.id().hex(), ADA, "{}");
        assertThat(node.prices.of(song.id())).isEqualTo(Prices.none());
    }

    @Test
    void someoneElseMayNotAndNobodyWithoutAuthorization() {
        var other = put(song.id().hex(), BO, "{\"stars\":1}");
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(TestHttp.json(other).get("code").asText()).isEqualTo("not_owner");
        assertThat(put(song.id().hex(), 0, "{\"stars\":1}").statusCode()).isEqualTo(401);
        assertThat(node.prices.of(song.id())).isEqualTo(Prices.none());
    }

    @Test
    void badPricesAndIdsAreNamedAndChangeNothing() {
        put(song.id().hex(), ADA, "{\"stars\":50}");

        var tooMany = put(song.id().hex(), ADA, "{\"stars\":100001}");
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(TestHttp.json(tooMany).get("code").asText()).isEqualTo("invalid_price");
        assertThat(TestHttp.json(tooMany).get("message").asText()).contains("100000");
        assertThat(put(song.id().hex(), ADA, "{\"ton_nanotons\":0}").statusCode())
                .isEqualTo(400);
        assertThat(put(song.id().hex(), ADA, "{\"euros\":5}").statusCode()).isEqualTo(400);
        assertThat(put(song.id().hex(), ADA, "{\"stars\":\"many\"}").statusCode())
                .isEqualTo(400);
        assertThat(put("not-an-id", ADA, "{}").statusCode()).isEqualTo(400);
        assertThat(put("00".repeat(32), ADA, "{}").statusCode()).isEqualTo(404);
        assertThat(node.prices.of(song.id())).isEqualTo(new Prices(OptionalLong.of(50), OptionalLong.empty()));
    }
}
