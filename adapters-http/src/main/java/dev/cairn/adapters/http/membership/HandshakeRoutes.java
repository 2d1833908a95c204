package dev.cairn.adapters.http.membership;

import dev.cairn.adapters.http.error.ApiException;
import dev.cairn.adapters.http.server.Routes;
import dev.cairn.core.canonical.CanonicalJson;
import dev.cairn.core.canonical.JsonObject;
import dev.cairn.core.canonical.JsonParser;
import dev.cairn.core.canonical.JsonValue;
import dev.cairn.core.membership.HandshakeRejectedException;
import dev.cairn.core.membership.HandshakeRequest;
import dev.cairn.core.membership.HandshakeResponse;
import dev.cairn.core.membership.Membership;
import dev.cairn.core.membership.RejectionReason;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * {@code POST /api/v1/network.handshake}: a peer's signed handshake in, this node's signed response out.
 *
 * <p>The body is parsed by core's strict JSON parser and wire reader, and answered by {@link Membership#respond}, which
 * stores nothing unless every check passes; each refusal is a {@link HandshakeRejectedException} that the error
 * mapping turns into a 4xx (table in {@link dev.cairn.adapters.http.error.HandshakeRejections}). The caller's address is the TCP peer address, never
 * a forwarding header, so a caller cannot choose the address its receipt and ASN are issued for.
 */
public final class HandshakeRoutes implements Routes {
    public static final String PATH = "/api/v1/network.handshake";

    private final Membership membership;
    private final HandshakeRateLimiter limiter;

    public HandshakeRoutes(Membership membership, HandshakeRateLimiter limiter) {
        this.membership = Objects.requireNonNull(membership, "membership");
        this.limiter = Objects.requireNonNull(limiter, "limiter");
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post(PATH, this::handshake);
    }

    void handshake(Context ctx) throws UnknownHostException {
        // A literal address: getByName parses it and looks nothing up.
        InetAddress caller = InetAddress.getByName(ctx.req().getRemoteAddr());
        HandshakeRateLimiter.Decision decision = limiter.acquire(caller);
        if (!decision.allowed()) {
            ctx.header("Retry-After", Long.toString(decision.retryAfterSeconds()));
            throw new ApiException(
                    429,
                    "rate_limited",
                    "too many handshakes from " + caller.getHostAddress() + "; retry after "
                            + decision.retryAfterSeconds() + " s");
        }
        JsonValue body = JsonParser.parse(ctx.bodyAsBytes());
        if (!(body instanceof JsonObject json)) {
            throw new HandshakeRejectedException(
                    RejectionReason.MALFORMED, "a handshake is a JSON object, got " + body.typeName());
        }
        HandshakeResponse response = membership.respond(HandshakeRequest.fromJson(json), caller);
        ctx.contentType("application/json").result(CanonicalJson.encode(response.toJson()));
    }
}
