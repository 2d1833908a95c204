package dev.cairn.adapters.http.ipfs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One call to Kubo's RPC API: a POST to {@code /api/v0/<endpoint>}, bounded by silence (see {@link KuboIpfs}), its
 * answer read as JSON lines when the status is 200 and turned into a {@link KuboFailure} with Kubo's message
 * otherwise, its outcome counted in {@code ipfs_requests_total}.
 */
final class KuboRpc implements AutoCloseable {
    /** Reads an answer of status 200; may call {@code silence.heard()} on progress. */
    @FunctionalInterface
    interface Answer<T> {
        T read(JsonLines lines, SilenceWatchdog silence) throws IOException;
    }

    private final URI apiUrl;
    private final String apiBase;
    private final KuboIpfs.Settings settings;
    private final MeterRegistry registry;
    private final HttpClient client;
    private final ObjectMapper json = new ObjectMapper();

    KuboRpc(URI apiUrl, KuboIpfs.Settings settings, MeterRegistry registry) {
        Objects.requireNonNull(apiUrl, "apiUrl");
        String scheme = apiUrl.getScheme() == null ? "" : apiUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!apiUrl.isAbsolute()
                || apiUrl.getHost() == null
                || !(scheme.equals("http") || scheme.equals("https"))
                || apiUrl.getRawQuery() != null) {
            throw new IllegalArgumentException(
                    "IPFS_API_URL is an absolute http(s) URL with a host and no query, got '" + apiUrl + "'");
        }
        this.apiUrl = apiUrl;
        String path = apiUrl.getRawPath() == null ? "" : apiUrl.getRawPath().replaceAll("/+$", "");
        this.apiBase = scheme + "://" + apiUrl.getRawAuthority() + path + "/api/v0/";
        this.settings = Objects.requireNonNull(settings, "settings");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                // Kubo's API is HTTP/1.1; an h2c upgrade attempt would only cost a round trip.
                .version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
    }

    /**
     * Posts to {@code endpoint} with {@code query} (already encoded, or null) and {@code upload} as the body (or none)
     * and reads the answer with {@code answer}.
     *
     * @param silenceMeans what Kubo's silence while answering means, for the timeout's message (e.g. "sent nothing")
     */
    <T> T call(String endpoint, String query, MultipartUpload upload, String silenceMeans, Answer<T> answer)
            throws IOException {
        var request = HttpRequest.newBuilder(URI.create(apiBase + endpoint + (query == null ? "" : "?" + query)));
        if (upload == null) {
            request.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            var supplied = new AtomicBoolean();
            // A second subscription (a retry inside the client) must fail: the blob's stream cannot be read again.
            var body = HttpRequest.BodyPublishers.ofInputStream(
                    () -> supplied.getAndSet(true) ? new UnrepeatableBody() : upload);
            request.header("Content-Type", upload.contentType()).POST(body);
        }
        try {
            T result = exchange(endpoint, request.build(), upload, silenceMeans, answer);
            count(endpoint, "ok");
            return result;
        } catch (KuboFailure e) {
            count(endpoint, e.outcome());
            throw e;
        } catch (InterruptedIOException e) {
            throw e;
        } catch (IOException e) {
            count(endpoint, KuboFailure.UNREACHABLE);
            throw new KuboFailure(
                    KuboFailure.UNREACHABLE,
                    "connection to Kubo at " + apiUrl + " broke during " + path(endpoint) + ": " + e,
                    e);
        }
    }

    private <T> T exchange(
            String endpoint, HttpRequest request, MultipartUpload upload, String silenceMeans, Answer<T> answer)
            throws IOException {
        HttpResponse<InputStream> response = send(endpoint, request, upload);
        InputStream body = response.body();
        try (body;
                var silence = new SilenceWatchdog(settings.timeout(), () -> closeQuietly(body))) {
            var lines = new JsonLines(body, KuboIpfs.MAX_LINE_BYTES, json, path(endpoint));
            try {
                if (response.statusCode() != 200) {
                    throw refusal(endpoint, response.statusCode(), body);
                }
                return answer.read(lines, silence);
            } catch (IOException e) {
                if (silence.fired()) {
                    throw new KuboFailure(
                            KuboFailure.TIMEOUT,
                            "Kubo at " + apiUrl + " "
                                    + silenceMeans + " for "
                                    + seconds(settings.timeout()) + " during " + path(endpoint),
                            e);
                }
                throw e;
            }
        }
    }

    /** Sends the request and waits for the response headers, cancelling the exchange when Kubo stays silent. */
    private HttpResponse<InputStream> send(String endpoint, HttpRequest request, MultipartUpload upload)
            throws IOException {
        CompletableFuture<HttpResponse<InputStream>> pending =
                client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
        try (var silence = new SilenceWatchdog(settings.timeout(), () -> pending.cancel(true))) {
            if (upload != null) {
                upload.onProgress(silence::heard);
            }
            try {
                return pending.get();
            } catch (CancellationException | ExecutionException e) {
                // A cancelled exchange fails its future with the cancellation as the cause, not as itself.
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                if (upload != null && upload.readFailure() != null) {
                    throw new KuboFailure(
                            KuboFailure.READ_ERROR,
                            "could not read the blob to add to Kubo (after " + upload.dataBytes() + " bytes): "
                                    + upload.readFailure(),
                            upload.readFailure());
                }
                if (silence.fired()) {
                    String what = upload != null && !upload.finished()
                            ? "took no upload byte (after " + upload.dataBytes() + " bytes of the blob)"
                            : "did not answer";
                    throw new KuboFailure(
                            KuboFailure.TIMEOUT,
                            "Kubo at " + apiUrl + " " + what + " for " + seconds(settings.timeout()) + " on "
                                    + path(endpoint),
                            cause);
                }
                throw unreachable(endpoint, cause);
            } catch (InterruptedException e) {
                pending.cancel(true);
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted during " + path(endpoint) + " on Kubo at " + apiUrl);
            }
        }
    }

    private KuboFailure unreachable(String endpoint, Throwable cause) {
        if (cause instanceof HttpConnectTimeoutException) {
            return new KuboFailure(
                    KuboFailure.TIMEOUT,
                    "could not connect to Kubo at " + apiUrl + " within " + seconds(settings.connectTimeout()) + " for "
                            + path(endpoint),
                    cause);
        }
        if (cause instanceof ConnectException) {
            return new KuboFailure(
                    KuboFailure.UNREACHABLE,
                    "Kubo at " + apiUrl + " refused the connection for " + path(endpoint) + " (is the daemon running?)",
                    cause);
        }
        return new KuboFailure(
                KuboFailure.UNREACHABLE,
                "could not reach Kubo at " + apiUrl + " for " + path(endpoint) + ": " + cause,
                cause);
    }

    /** A non-200 answer: Kubo's {@code Message} when the body is its error object, else the body's text. */
    private KuboFailure refusal(String endpoint, int status, InputStream body) throws IOException {
        byte[] bytes = body.readNBytes(KuboIpfs.MAX_LINE_BYTES);
        String text = new String(bytes, StandardCharsets.UTF_8).strip();
        String detail;
        try {
            JsonNode error = json.readTree(text);
            detail = error != null && error.path("Message").isTextual()
                    ? JsonLines.quote(error.path("Message").asText())
                            + (error.path("Code").isInt()
                                    ? " (code " + error.path("Code").asInt() + ")"
                                    : "")
                    : JsonLines.quote(text);
        } catch (IOException e) {
            detail = JsonLines.quote(text);
        }
        return new KuboFailure(
                KuboFailure.KUBO_ERROR,
                "Kubo at " + apiUrl + " answered HTTP " + status + " to " + path(endpoint) + ": " + detail);
    }

    /**
     * Kubo reports an error that happens after it began answering in an {@code X-Stream-Error} HTTP trailer, which
     * the JDK client does not expose; the stream then just ends.
     */
    KuboFailure endedWithoutResult(String endpoint) {
        return new KuboFailure(
                KuboFailure.KUBO_ERROR,
                "Kubo at " + apiUrl + " ended its answer to " + path(endpoint) + " without a result; an error after"
                        + " the answer began is only in its X-Stream-Error trailer: see the daemon's log");
    }

    static String path(String endpoint) {
        return "/api/v0/" + endpoint;
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // The connection is being abandoned; nothing else to do.
        }
    }

    private void count(String endpoint, String outcome) {
        Counter.builder("ipfs.requests")
                .description("Calls to the Kubo RPC API, by endpoint and outcome")
                .tag("endpoint", endpoint)
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    /** The body of a second subscription to an upload: sending the blob twice from one stream is impossible. */
    private static final class UnrepeatableBody extends InputStream {
        @Override
        public int read() throws IOException {
            throw new IOException("the blob's stream was already sent once and cannot be read again");
        }
    }

    /** Stops the client, abandoning calls in flight. */
    @Override
    public void close() {
        client.shutdownNow();
    }
}
