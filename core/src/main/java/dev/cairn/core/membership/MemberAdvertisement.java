package dev.cairn.core.membership;

import dev.cairn.core.canonical.JsonObject;
import dev.cairn.core.canonical.JsonString;
import dev.cairn.core.id.InvalidSignatureException;
import dev.cairn.core.id.NodeIdentity;
import dev.cairn.core.id.SignatureKind;
import dev.cairn.core.id.SignatureVerifier;
import dev.cairn.core.id.SignedJson;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A node's signed description of itself, meant to be forwarded: its node info, its {@code n_local}, receipts others
 * issued for it and the time it signed them. Kind {@code member-advertisement}, signed with {@code node.public_key}.
 *
 * <p>Handshake responses carry a sample of the advertisements the responder holds, so a node learns of members it
 * never dialled. It is self-describing: a receiver checks it (NodeId, time, signature, each receipt) without having met
 * the advertiser, and trusts it no further than its receipts allow (see {@code docs/protocol.md}, "Member
 * advertisements"). The canonical signed bytes are computed once per instance: in one JVM an advertisement object
 * passed on is verified by many nodes. An instance is well-formed; {@link HandshakeVerifier} decides whether it is
 * acceptable.
 */
public final class MemberAdvertisement {
    public static final SignatureKind KIND = new SignatureKind("member-advertisement");
    private static final Set<String> FIELDS =
            Set.of("schema_version", "node", "n_local", "receipts", "ts", SignedJson.SIGNATURE_FIELD);

    private final NodeInfo node;
    private final long nLocal;
    private final List<Receipt> receipts;
    private final long ts;
    private final String signature;
    /** The earliest receipt timestamp, or {@code Long.MAX_VALUE}: while it is unexpired, all receipts are. */
    private final long oldestReceipt;

    private JsonObject json;
    private byte[] signingInput;
    /** The last verifier that accepted this instance's signature: asking it again would give the same answer. */
    private SignatureVerifier acceptedBy;

    public MemberAdvertisement(NodeInfo node, long nLocal, List<Receipt> receipts, long ts, String signature) {
        this.node = Objects.requireNonNull(node, "node");
        this.receipts = List.copyOf(receipts);
        this.signature = Objects.requireNonNull(signature, "signature");
        Messages.requireReceipts(this.receipts);
        if (nLocal < 0) {
            throw new IllegalArgumentException("advertisement n_local must be >= 0, got " + nLocal);
        }
        if (ts < 0 || ts > dev.cairn.core.canonical.JsonInteger.MAX_SAFE) {
            throw new IllegalArgumentException("advertisement ts must be in [0, 2^53 - 1] ms, got " + ts);
        }
        this.nLocal = nLocal;
        this.ts = ts;
        this.oldestReceipt =
                this.receipts.stream().mapToLong(Receipt::timestampMillis).min().orElse(Long.MAX_VALUE);
    }

    /** An advertisement signed by {@code self}, whose public key must be the one {@code node} names. */
    public static MemberAdvertisement sign(
            NodeIdentity self, NodeInfo node, long nLocal, List<Receipt> receipts, long ts) {
        Messages.requireSigner(self, node);
        var unsigned = new MemberAdvertisement(node, nLocal, receipts, ts, "");
        String signature = SignedJson.sign(self, KIND, unsigned.unsignedJson())
                .require(SignedJson.SIGNATURE_FIELD, JsonString.class)
                .value();
        return new MemberAdvertisement(node, nLocal, receipts, ts, signature);
    }

    public NodeInfo node() {
        return node;
    }

    public long nLocal() {
        return nLocal;
    }

    /** Receipts for {@link #node()}, one per issuer, at most {@value Wire#MAX_RECEIPTS}. */
    public List<Receipt> receipts() {
        return receipts;
    }

    public long ts() {
        return ts;
    }

    /** The receipts dated at or after {@code floor}: the list itself when none is older, as is usual. */
    List<Receipt> receiptsSince(long floor) {
        if (oldestReceipt >= floor) {
            return receipts;
        }
        return receipts.stream().filter(r -> r.timestampMillis() >= floor).toList();
    }

    public String signature() {
        return signature;
    }

    /** @throws HandshakeRejectedException {@link RejectionReason#BAD_SIGNATURE} */
    void verifySignature(SignatureVerifier verifier) {
        synchronized (this) {
            if (acceptedBy == verifier) {
                // Instances are immutable and verification is pure: in a simulator many nodes check one object.
                return;
            }
        }
        try {
            SignedJson.verify(KIND, toJson(), node.publicKey(), verifier, signingInput());
            synchronized (this) {
                acceptedBy = verifier;
            }
        } catch (InvalidSignatureException e) {
            throw new HandshakeRejectedException(
                    RejectionReason.BAD_SIGNATURE, "advertisement of " + node.nodeId() + ": " + e.getMessage(), e);
        }
    }

    /** The signed wire form. */
    public synchronized JsonObject toJson() {
        if (json == null) {
            json = unsignedJson().with(SignedJson.SIGNATURE_FIELD, new JsonString(signature));
        }
        return json;
    }

    /** The bytes the advertiser signed, encoded once per instance. */
    synchronized byte[] signingInput() {
        if (signingInput == null) {
            signingInput = SignedJson.signingInput(KIND, unsignedJson());
        }
        return signingInput;
    }

    /** Parses the wire form strictly; signature, time and receipts are checked by {@link HandshakeVerifier}. */
    public static MemberAdvertisement fromJson(JsonObject json) {
        String what = "advertisement";
        Wire.requireSchemaVersion(what, json);
        Wire.requireExactly(what, json, FIELDS);
        try {
            return new MemberAdvertisement(
                    NodeInfo.fromJson("advertisement.node", Wire.get(what, json, "node", JsonObject.class)),
                    Wire.nonNegative(what, json, "n_local"),
                    Messages.receipts(what, json, "receipts"),
                    Wire.nonNegative(what, json, "ts"),
                    Wire.get(what, json, SignedJson.SIGNATURE_FIELD, JsonString.class)
                            .value());
        } catch (IllegalArgumentException e) {
            throw Wire.malformed(what + ": " + e.getMessage());
        }
    }

    private JsonObject unsignedJson() {
        return JsonObject.builder()
                .put("n_local", nLocal)
                .put("node", node.toJson())
                .put("receipts", Messages.receiptsJson(receipts))
                .put("schema_version", Wire.SCHEMA_VERSION)
                .put("ts", ts)
                .build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MemberAdvertisement a
                && a.ts == ts
                && a.nLocal == nLocal
                && a.signature.equals(signature)
                && a.node.equals(node)
                && a.receipts.equals(receipts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(node.nodeId(), ts, signature);
    }

    @Override
    public String toString() {
        return "MemberAdvertisement[" + node.nodeId() + ", n_local=" + nLocal + ", " + receipts.size()
                + " receipts, ts=" + ts + "]";
    }
}
