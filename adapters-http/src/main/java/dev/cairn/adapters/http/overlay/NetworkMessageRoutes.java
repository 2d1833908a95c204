package dev.cairn.adapters.http.overlay;

import dev.cairn.adapters.http.overlay.OverlayRejection.Reason;
import dev.cairn.adapters.http.server.Routes;
import dev.cairn.core.dht.InvalidRecordException;
import dev.cairn.core.metrics.MetricMessage;
import dev.cairn.core.replication.ReplicationMessage;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * {@code POST /api/v1/network.message}: receives one signed overlay envelope from a peer, verifies it and hands the
 * message to the {@link OverlayInbox}. Answers 202 with no body on acceptance; every refusal is an
 * {@link dev.cairn.adapters.http.error.ApiException} whose code is the {@link Reason}.
 *
 * <p>Counts outcomes in {@code overlay.messages.received} tagged {@code outcome} (accepted or the refusal code).
 */
public final class NetworkMessageRoutes implements Routes {
    public static final String PATH = "/api/v1/network.message";

    private final OverlayVerifier verifier;
    private final OverlayInbox inbox;
    private final MeterRegistry registry;

    public NetworkMessageRoutes(OverlayVerifier verifier, OverlayInbox inbox, MeterRegistry registry) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.inbox = Objects.requireNonNull(inbox, "inbox");
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post(PATH, this::receive);
    }

    private void receive(Context ctx) throws IOException {
        try {
            OverlayVerifier.Received received = verifier.verify(boundedBody(ctx));
            dispatch(received);
        } catch (OverlayRejection e) {
            count(e.reason().code());
            throw e.toApiException();
        }
        count("accepted");
        ctx.status(202);
    }

    private void dispatch(OverlayVerifier.Received received) {
        try {
            switch (received.message()) {
                case OverlayMessage.Replication(ReplicationMessage m) -> inbox.replication(received.from(), m);
                case OverlayMessage.Metric(MetricMessage m) -> inbox.metric(received.from(), m);
            }
        } catch (InvalidRecordException e) {
            throw new OverlayRejection(
                    Reason.INVALID_RECORD, "record from " + received.from() + " refused: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new OverlayRejection(
                    Reason.MESSAGE_REFUSED, "message from " + received.from() + " refused: " + e.getMessage(), e);
        }
    }

    /** Reads at most the limit plus one byte, so an oversized body is refused without buffering it. */
    private byte[] boundedBody(Context ctx) throws IOException {
        int limit = verifier.settings().maxBodyBytes();
        long declared = ctx.req().getContentLengthLong();
        if (declared > limit) {
            throw OverlayVerifier.tooLarge(declared, limit);
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] body = in.readNBytes(limit + 1);
            if (body.length > limit) {
                throw OverlayVerifier.tooLarge(body.length, limit);
            }
            return body;
        }
    }

    private void count(String outcome) {
        Counter.builder("overlay.messages.received")
                .description("Overlay envelopes received, by outcome")
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }
}
