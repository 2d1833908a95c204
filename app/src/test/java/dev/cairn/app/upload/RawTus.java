package dev.cairn.app.upload;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * tus requests by hand over {@code java.net.http}, for what a well-behaved client never sends (a wrong offset, a
 * wrong checksum, another protocol version) and for a client slow enough to be caught mid-PATCH. HTTP/1.1, as tus
 * clients speak it, with {@code Authorization: local} on every request.
 */
final class RawTus {
    static final String TUS_VERSION = "1.0.0";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /** POST to the creation URL with {@code Upload-Length}; the Location is resolved against {@code endpoint}. */
    HttpResponse<String> create(URI endpoint, long length) throws IOException, InterruptedException {
        return send(request(endpoint, Map.of("Upload-Length", Long.toString(length)))
                .POST(BodyPublishers.noBody())
                .build());
    }

    /** The upload URL a creation response points to. */
    static URI location(URI endpoint, HttpResponse<?> created) {
        return endpoint.resolve(created.headers()
                .firstValue("Location")
                .orElseThrow(() -> new AssertionError("no Location in a " + created.statusCode() + " to POST")));
    }

    /** A PATCH of {@code body} at {@code offset}; {@code extra} headers override the usual ones. */
    HttpResponse<String> patch(URI upload, long offset, byte[] body, Map<String, String> extra)
            throws IOException, InterruptedException {
        return send(patchRequest(upload, offset, extra)
                .method("PATCH", BodyPublishers.ofByteArray(body))
                .build());
    }

    /**
     * A PATCH that sends {@code body} at {@code bytesPerSecond} in small pieces, so that it is still running when the
     * test acts; {@code sent} counts the bytes handed to the connection so far.
     */
    CompletableFuture<HttpResponse<String>> slowPatch(
            URI upload, long offset, byte[] body, int bytesPerSecond, AtomicLong sent) {
        var publisher = BodyPublishers.fromPublisher(
                BodyPublishers.ofInputStream(() -> new ThrottledStream(body, bytesPerSecond, sent)), body.length);
        return http.sendAsync(
                patchRequest(upload, offset, Map.of())
                        .timeout(Duration.ofMinutes(5))
                        .method("PATCH", publisher)
                        .build(),
                BodyHandlers.ofString());
    }

    HttpResponse<Void> head(URI upload) throws IOException, InterruptedException {
        return http.send(
                request(upload, Map.of())
                        .method("HEAD", BodyPublishers.noBody())
                        .build(),
                BodyHandlers.discarding());
    }

    /** A plain GET with the local user's authorization, its body as bytes. */
    HttpResponse<byte[]> get(URI uri) throws IOException, InterruptedException {
        return http.send(request(uri, Map.of()).GET().build(), BodyHandlers.ofByteArray());
    }

    private HttpRequest.Builder patchRequest(URI upload, long offset, Map<String, String> extra) {
        var headers = new java.util.HashMap<String, String>();
        headers.put("Upload-Offset", Long.toString(offset));
        headers.put("Content-Type", "application/offset+octet-stream");
        headers.putAll(extra);
        return request(upload, headers);
    }

    private static HttpRequest.Builder request(URI uri, Map<String, String> extra) {
        var headers = new java.util.HashMap<String, String>();
        headers.put("Tus-Resumable", TUS_VERSION);
        headers.put("Authorization", "local");
        headers.putAll(extra);
        var builder = HttpRequest.newBuilder(uri).timeout(TIMEOUT);
        headers.forEach(builder::header);
        return builder;
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, BodyHandlers.ofString());
    }

    /** The body in 4 KiB pieces, sleeping between them to keep to the rate. */
    private static final class ThrottledStream extends InputStream {
        private static final int PIECE = 4 * 1024;
        private final byte[] body;
        private final long nanosPerPiece;
        private final AtomicLong sent;
        private int position;

        ThrottledStream(byte[] body, int bytesPerSecond, AtomicLong sent) {
            this.body = body;
            this.nanosPerPiece = 1_000_000_000L * PIECE / bytesPerSecond;
            this.sent = sent;
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException("read whole pieces");
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (position == body.length) {
                return -1;
            }
            try {
                Thread.sleep(Duration.ofNanos(nanosPerPiece));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while throttling", e);
            }
            int n = Math.min(Math.min(length, PIECE), body.length - position);
            System.arraycopy(body, position, buffer, offset, n);
            position += n;
            sent.addAndGet(n);
            return n;
        }
    }
}
