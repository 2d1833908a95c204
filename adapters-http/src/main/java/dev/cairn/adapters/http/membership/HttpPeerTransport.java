package dev.cairn.adapters.http.membership;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.adapters.http.overlay.PeerHttpClients;
import dev.cairn.core.canonical.CanonicalJson;
import dev.cairn.core.canonical.JsonObject;
import dev.cairn.core.canonical.JsonParser;
import dev.cairn.core.canonical.JsonValue;
import dev.cairn.core.canonical.MalformedJsonException;
import dev.cairn.core.membership.HandshakeRejectedException;
import dev.cairn.core.membership.HandshakeRequest;
import dev.cairn.core.membership.HandshakeResponse;
import dev.cairn.core.membership.PeerTransport;
import dev.cairn.core.membership.RejectionReason;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link PeerTransport} over the JDK {@link HttpClient}: posts the signed handshake to
 * {@code <peer>/api/v1/network.handshake} and reads the signed response.
 *
 * <p>The response is read as a stream and refused once it passes {@link PeerTransportConfig#maxResponseBytes()}, so a
 * peer cannot make this node buffer more. Failures are {@link IOException}s naming the peer and, for a refusal, the
 * status and the peer's error {@code code}; a response that is not the wire form is a
 * {@link HandshakeRejectedException} ({@code MALFORMED}), as core refuses any other bad message.
 *
 * <p><b>Responder address.</b> The JDK client does not reveal the address it connected to, so the responder's address
 * (which its receipt's ASN is resolved from) is the peer URI's host resolved after the response arrived, through the
 * JVM's DNS cache, which the connection used moments before. A host with several addresses may resolve to another of
 * them; they are normally in one network, so the ASN is the same.
 */
public final class HttpPeerTransport implements PeerTransport {
    private static final Logger LOG = LoggerFactory.getLogger(HttpPeerTransport.class);
    private static final int MAX_ERROR_MESSAGE = 200;

    private final PeerTransportConfig config;
    private final HttpClient client;
    private final ObjectMapper json = new ObjectMapper();

    public HttpPeerTransport(PeerTransportConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        var builder = HttpClient.newBuilder()
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                // HTTP/1.1: the node's Jetty speaks no h2c, and a cleartext upgrade attempt only costs a round trip.
                .version(HttpClient.Version.HTTP_1_1);
        if (!config.tlsVerify()) {
            LOG.atWarn()
                    .addKeyValue("setting", "PEER_TLS_VERIFY")
                    .log("peer TLS certificates are not verified: any peer can be impersonated on the path");
            builder.sslContext(PeerHttpClients.trustingEveryone());
        }
        this.client = builder.build();
    }

    /** The handshake endpoint of {@code peer}: its path, without a trailing slash, plus the route. */
    public static URI endpoint(URI peer) {
        String scheme = peer.getScheme() == null ? "" : peer.getScheme().toLowerCase(Locale.ROOT);
        if (!peer.isAbsolute() || peer.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
            throw new IllegalArgumentException("a peer is an absolute http(s) URL with a host, got '" + peer + "'");
        }
        String path = peer.getRawPath() == null ? "" : peer.getRawPath().replaceAll("/+$", "");
        return URI.create(scheme + "://" + peer.getRawAuthority() + path + HandshakeRoutes.PATH);
    }

    @Override
    public Reply handshake(URI peer, HandshakeRequest request) throws IOException {
        URI target = endpoint(peer);
        HttpRequest post = HttpRequest.newBuilder(target)
                .timeout(config.requestTimeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(CanonicalJson.encode(request.toJson())))
                .build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(post, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw new IOException("handshake with peer " + peer + " timed out: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted during the handshake with peer " + peer);
        } catch (IOException e) {
            throw new IOException("handshake with peer " + peer + " failed: " + e, e);
        }
        byte[] body;
        try (InputStream in = response.body()) {
            body = readBounded(in, peer);
        }
        if (response.statusCode() != 200) {
            throw refusal(peer, response.statusCode(), body);
        }
        HandshakeResponse parsed = parse(peer, body);
        return new Reply(parsed, InetAddress.getByName(peer.getHost()));
    }

    private byte[] readBounded(InputStream in, URI peer) throws IOException {
        byte[] bytes = in.readNBytes(config.maxResponseBytes() + 1);
        if (bytes.length > config.maxResponseBytes()) {
            // Closing the stream without draining it drops the connection, which is what a flood deserves.
            throw new IOException("response of peer " + peer + " is longer than " + config.maxResponseBytes()
                    + " bytes (PEER_MAX_RESPONSE_BYTES); refused");
        }
        return bytes;
    }

    private static HandshakeResponse parse(URI peer, byte[] body) {
        JsonValue value;
        try {
            value = JsonParser.parse(body);
        } catch (MalformedJsonException e) {
            throw new HandshakeRejectedException(
                    RejectionReason.MALFORMED, "response of peer " + peer + " is not JSON: " + e.getMessage(), e);
        }
        if (!(value instanceof JsonObject object)) {
            throw new HandshakeRejectedException(
                    RejectionReason.MALFORMED,
                    "response of peer " + peer + " must be a JSON object, got " + value.typeName());
        }
        return HandshakeResponse.fromJson(object);
    }

    private PeerRefusedException refusal(URI peer, int status, byte[] body) {
        String code = "";
        String detail;
        try {
            JsonNode error = json.readTree(body);
            code = error.path("code").asText("");
            detail = code.isEmpty()
                    ? "no error code"
                    : code + ": " + shorten(error.path("message").asText(""));
        } catch (IOException | RuntimeException e) {
            detail = "body not an error object: " + shorten(new String(body, StandardCharsets.UTF_8));
        }
        return new PeerRefusedException(
                "peer " + peer + " refused the handshake: HTTP " + status + " " + detail, status, code);
    }

    private static String shorten(String s) {
        String clean = s.replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= MAX_ERROR_MESSAGE ? clean : clean.substring(0, MAX_ERROR_MESSAGE - 3) + "...";
    }
}
