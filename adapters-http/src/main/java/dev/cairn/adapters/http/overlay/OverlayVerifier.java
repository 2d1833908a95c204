package dev.cairn.adapters.http.overlay;

import dev.cairn.adapters.http.overlay.OverlayRejection.Reason;
import dev.cairn.core.canonical.JsonObject;
import dev.cairn.core.canonical.JsonParser;
import dev.cairn.core.canonical.JsonValue;
import dev.cairn.core.canonical.MalformedJsonException;
import dev.cairn.core.id.InvalidSignatureException;
import dev.cairn.core.id.NodeId;
import dev.cairn.core.id.SignedJson;
import dev.cairn.core.port.Clock;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Checks a received overlay envelope and returns its authenticated sender and message.
 *
 * <p>Checks run cheapest first, so an unauthenticated sender costs at most one public-key decode and one signature
 * check: size, JSON, schema version, shape, recipient, time, NodeId, replay, sender admission, signature, message body
 * (whose DHT records are verified too), and last the nonce is recorded. Nothing is recorded for a refused envelope.
 * Safe for concurrent use.
 */
public final class OverlayVerifier {

    /**
     * @param maxBodyBytes the largest envelope accepted, in bytes
     * @param skewMillis how far an envelope's {@code ts} may be from this node's clock, either way
     * @param replayCapacity how many (sender, nonce) pairs are remembered at most
     */
    public record Settings(int maxBodyBytes, long skewMillis, int replayCapacity) {
        /** 1 MiB (the canonical parser's default bound), 120 s (as handshakes), 65,536 nonces. */
        public static final Settings DEFAULT = new Settings(1 << 20, 120_000, 65_536);

        public Settings {
            if (maxBodyBytes < 1024) {
                throw new IllegalArgumentException("maxBodyBytes must be >= 1024, got " + maxBodyBytes);
            }
            if (skewMillis < 1) {
                throw new IllegalArgumentException("skewMillis must be >= 1, got " + skewMillis);
            }
            if (replayCapacity < 1) {
                throw new IllegalArgumentException("replayCapacity must be >= 1, got " + replayCapacity);
            }
        }
    }

    /** An envelope that passed every check. */
    public record Received(NodeId from, OverlayMessage message) {}

    private final NodeId self;
    private final Clock clock;
    private final Predicate<NodeId> admitSender;
    private final Settings settings;
    private final NonceCache nonces;

    /**
     * @param self this node: envelopes addressed to another node are refused
     * @param admitSender which senders are accepted, asked after the envelope is well-formed and fresh but before its
     *     signature is checked (the app passes "is a known member", or {@code id -> true} to accept any node that
     *     signs)
     */
    public OverlayVerifier(NodeId self, Clock clock, Predicate<NodeId> admitSender, Settings settings) {
        this.self = Objects.requireNonNull(self, "self");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.admitSender = Objects.requireNonNull(admitSender, "admitSender");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.nonces = new NonceCache(settings.replayCapacity());
    }

    public Settings settings() {
        return settings;
    }

    /**
     * Verifies one envelope's bytes.
     *
     * @throws OverlayRejection with the first check that failed
     */
    public Received verify(byte[] body) {
        if (body.length > settings.maxBodyBytes()) {
            throw tooLarge(body.length, settings.maxBodyBytes());
        }
        JsonValue parsed;
        try {
            parsed = JsonParser.parse(body, new JsonParser.Limits(settings.maxBodyBytes(), 64));
        } catch (MalformedJsonException e) {
            throw new OverlayRejection(Reason.MALFORMED_JSON, "envelope is not valid JSON: " + e.getMessage(), e);
        }
        OverlayCodec.Header header = OverlayCodec.header(parsed);
        if (!header.to().equals(self)) {
            throw new OverlayRejection(
                    Reason.WRONG_RECIPIENT, "envelope is addressed to " + header.to() + ", this node is " + self);
        }
        long now = clock.millis();
        if (Math.abs(header.ts() - now) > settings.skewMillis()) {
            throw new OverlayRejection(
                    Reason.TIMESTAMP_OUT_OF_WINDOW,
                    "envelope ts " + header.ts() + " ms is more than " + settings.skewMillis() + " ms from now (" + now
                            + " ms)");
        }
        if (!header.fromKey().nodeId().equals(header.from())) {
            throw new OverlayRejection(
                    Reason.NODE_ID_MISMATCH,
                    "from_key " + header.fromKey().hex() + " has NodeId "
                            + header.fromKey().nodeId() + ", not the claimed " + header.from());
        }
        nonces.requireUnseen(header.from(), header.nonce(), now);
        if (!admitSender.test(header.from())) {
            throw new OverlayRejection(
                    Reason.UNKNOWN_SENDER,
                    "sender " + header.from() + " is not a member this node accepts messages from");
        }
        try {
            SignedJson.verify(OverlayEnvelope.KIND, (JsonObject) parsed, header.fromKey());
        } catch (InvalidSignatureException e) {
            throw new OverlayRejection(
                    Reason.BAD_SIGNATURE, "envelope from " + header.from() + ": " + e.getMessage(), e);
        }
        OverlayMessage message = OverlayCodec.decode(header.message());
        nonces.record(header.from(), header.nonce(), header.ts() + settings.skewMillis(), now);
        return new Received(header.from(), message);
    }

    static OverlayRejection tooLarge(long bytes, int limit) {
        return new OverlayRejection(
                Reason.PAYLOAD_TOO_LARGE, "envelope of " + bytes + " bytes exceeds the limit of " + limit + " bytes");
    }

    int remembered() {
        return nonces.size();
    }
}
