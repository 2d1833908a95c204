package dev.cairn.adapters.http.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.adapters.http.server.CairnHttpServer;
import dev.cairn.adapters.http.server.HttpServerConfig;
import dev.cairn.core.hash.Digest256;
import dev.cairn.core.port.RandomBytes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A file larger than any Java array, served from a generated store: offsets are longs and bodies are streamed. */
class LargeFileTest {
    private static final long SIZE = 5L << 30;
    private static final FileId ID = new FileId(Digest256.blake3(new byte[] {5}));

    private final HttpClient client =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private CairnHttpServer server;

    @BeforeEach
    void start() {
        StoredFiles files = id -> id.equals(ID) ? Optional.of(new GeneratedFile(SIZE)) : Optional.empty();
        server = CairnHttpServer.create(
                        HttpServerConfig.loopbackEphemeral(),
                        new SimpleMeterRegistry(),
                        RandomBytes.secure(),
                        List.of(new StorageRoutes(files, RandomBytes.secure())))
                .start();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void headGivesTheLengthOfAFileLargerThan4GiB() throws Exception {
        var response = client.send(
                request().method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(SIZE);
    }

    @Test
    void rangesPast4GiBAreTheBytesAtThoseOffsets() throws Exception {
        long first = (4L << 30) + 7;
        var response = client.send(
                request()
                        .header("Range", "bytes=" + first + "-" + (first + 999))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(206);
        assertThat(response.headers().firstValue("Content-Range"))
                .hasValue("bytes " + first + "-" + (first + 999) + "/" + SIZE);
        assertThat(response.body()).isEqualTo(generated(first, 1000));
    }

    @Test
    void theWholeFileStartsArrivingAtOnceBecauseItIsStreamedNotBuffered() throws Exception {
        // 5 GiB fits in no byte array: an answer that buffered the file first could not begin at all.
        var response = client.send(request().build(), HttpResponse.BodyHandlers.ofInputStream());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(SIZE);
        try (InputStream body = response.body()) {
            assertThat(body.readNBytes(1 << 20)).isEqualTo(generated(0, 1 << 20));
        }
    }

    private HttpRequest.Builder request() {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + StorageRoutes.pathOf(ID)));
    }

    private static byte[] generated(long first, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = GeneratedFile.at(first + i);
        }
        return bytes;
    }
}
