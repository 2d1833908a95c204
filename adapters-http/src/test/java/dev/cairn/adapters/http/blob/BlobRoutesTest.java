package dev.cairn.adapters.http.blob;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.adapters.http.overlay.HttpOverlaySender;
import dev.cairn.adapters.http.overlay.LoopbackServer;
import dev.cairn.core.blob.InMemoryBlobStore;
import dev.cairn.core.blob.PendingBlob;
import dev.cairn.core.id.ContentId;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BlobRoutesTest {
    private final InMemoryBlobStore store = new InMemoryBlobStore();
    private final HttpClient client = HttpClient.newHttpClient();
    private final byte[] blob = new byte[200_000];
    private ContentId id;
    private LoopbackServer server;

    @BeforeEach
    void start() throws IOException {
        new Random(7).nextBytes(blob);
        id = ContentId.ofBlob(blob);
        try (PendingBlob pending = store.openWriter()) {
            pending.write(ByteBuffer.wrap(blob));
            pending.commit(id);
        }
        server = LoopbackServer.start(new BlobRoutes(store)::register);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aBlobIsServedWholeWithItsLength() throws Exception {
        var response = get(BlobRoutes.pathOf(id), null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(blob.length);
        assertThat(response.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(response.body()).isEqualTo(blob);
    }

    @Test
    void oneRangeIsServedAsPartialContent() throws Exception {
        var middle = get(BlobRoutes.pathOf(id), "bytes=1000-1999");
        var open = get(BlobRoutes.pathOf(id), "bytes=199990-");
        var suffix = get(BlobRoutes.pathOf(id), "bytes=-5");
        var pastTheEnd = get(BlobRoutes.pathOf(id), "bytes=199000-999999");

        assertThat(middle.statusCode()).isEqualTo(206);
        assertThat(middle.headers().firstValue("Content-Range")).hasValue("bytes 1000-1999/200000");
        assertThat(middle.body()).isEqualTo(Arrays.copyOfRange(blob, 1000, 2000));
        assertThat(open.body()).isEqualTo(Arrays.copyOfRange(blob, 199_990, 200_000));
        assertThat(suffix.headers().firstValue("Content-Range")).hasValue("bytes 199995-199999/200000");
        assertThat(suffix.body()).isEqualTo(Arrays.copyOfRange(blob, 199_995, 200_000));
        assertThat(pastTheEnd.body()).isEqualTo(Arrays.copyOfRange(blob, 199_000, 200_000));
    }

    @Test
    void severalRangesOrOtherUnitsAreIgnoredAndTheWholeBlobServed() throws Exception {
        assertThat(get(BlobRoutes.pathOf(id), "bytes=0-1,5-9").statusCode()).isEqualTo(200);
        assertThat(get(BlobRoutes.pathOf(id), "items=0-1").body()).isEqualTo(blob);
    }

    @Test
    void aRangeStartingPastTheEndIs416WithTheSize() throws Exception {
        var response = get(BlobRoutes.pathOf(id), "bytes=200000-");

        assertThat(response.statusCode()).isEqualTo(416);
        assertThat(response.headers().firstValue("Content-Range")).hasValue("bytes */200000");
        assertThat(new String(response.body())).startsWith("range_not_satisfiable: ");
    }

    @Test
    void anUnknownBlobIs404AndAMalformedIdIs400() throws Exception {
        var unknown = ContentId.ofBlob(new byte[] {1, 2, 3});

        var missing = get(BlobRoutes.pathOf(unknown), null);
        var malformed = get("/api/v1/network.blob/not-a-content-id", null);

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(new String(missing.body())).startsWith("blob_not_found: ").contains(unknown.hex());
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(new String(malformed.body()))
                .startsWith("malformed_content_id: ")
                .contains("not-a-content-id");
    }

    @Test
    void headGivesTheLengthWithoutTheBody() throws Exception {
        var request = HttpRequest.newBuilder(HttpOverlaySender.endpoint(server.uri(), BlobRoutes.pathOf(id)))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build();

        var response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(blob.length);
        assertThat(response.body()).isEmpty();
    }

    private HttpResponse<byte[]> get(String path, String range) throws Exception {
        var request = HttpRequest.newBuilder(HttpOverlaySender.endpoint(server.uri(), path));
        if (range != null) {
            request.header("Range", range);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
