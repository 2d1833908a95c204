package dev.cairn.adapters.http.upload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/** Raw tus requests over {@link HttpClient}, one header at a time, so that tests can send what clients get wrong. */
final class TusHttp {
    private final HttpClient client =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String base;

    TusHttp(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** A request with {@code Tus-Resumable: 1.0.0} and {@code Authorization} set; headers can be changed or removed. */
    Request request(String method, String path, String authorization) {
        return new Request(method, path).header("Tus-Resumable", "1.0.0").header("Authorization", authorization);
    }

    Request options(String path) {
        return new Request("OPTIONS", path);
    }

    final class Request {
        private final String method;
        private final String path;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private BodyPublisher body = BodyPublishers.noBody();

        private Request(String method, String path) {
            this.method = method;
            this.path = path;
        }

        /** Sets a header; {@code null} removes it. */
        Request header(String name, String value) {
            if (value == null) {
                headers.remove(name);
            } else {
                headers.put(name, value);
            }
            return this;
        }

        /** Bytes of an upload, sent as {@code application/offset+octet-stream}. */
        Request bytes(byte[] bytes) {
            return body(BodyPublishers.ofByteArray(bytes)).header("Content-Type", "application/offset+octet-stream");
        }

        Request body(BodyPublisher publisher) {
            this.body = publisher;
            return this;
        }

        HttpResponse<String> send() {
            var builder = HttpRequest.newBuilder(URI.create(base + path)).method(method, body);
            headers.forEach(builder::header);
            try {
                return client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
