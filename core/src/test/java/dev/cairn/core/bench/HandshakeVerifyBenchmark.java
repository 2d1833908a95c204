package dev.cairn.core.bench;

import dev.cairn.core.canonical.CanonicalJson;
import dev.cairn.core.canonical.JsonObject;
import dev.cairn.core.canonical.JsonParser;
import dev.cairn.core.id.NodeId;
import dev.cairn.core.id.NodeIdentity;
import dev.cairn.core.id.SignatureVerifier;
import dev.cairn.core.membership.Asn;
import dev.cairn.core.membership.HandshakeMetrics;
import dev.cairn.core.membership.HandshakeRequest;
import dev.cairn.core.membership.HandshakeVerifier;
import dev.cairn.core.membership.MembershipConfig;
import dev.cairn.core.membership.NodeInfo;
import dev.cairn.core.membership.Privacy;
import dev.cairn.core.membership.Receipt;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Handshakes verified per second, one thread: parse the bytes, check time, NodeId, signature and five receipts.
 *
 * <p>{@code coldReceipts} gives every handshake five receipts never seen before (six Ed25519 verifications each);
 * {@code warmReceipts} presents receipts the verifier has already checked, which is the steady state between nodes
 * that know each other (one verification). Issuer keys recur in both, so their decoding is cached either way. The nonce is not recorded, so one handshake can be verified repeatedly.
 * Run: {@code ./mvnw -pl core -Pbench -DskipTests verify -Dbench.includes=Handshake}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class HandshakeVerifyBenchmark {
    private static final long NOW = 1_764_090_000_000L;
    private static final int DISTINCT = 512;

    private byte[][] cold;
    private byte[] warm;
    private HandshakeVerifier verifier;
    private HandshakeVerifier verifierWithoutSignatures;
    private NodeId self;
    private int next;

    @Setup
    public void setUp() {
        var random = new Random(7);
        NodeIdentity caller = identity(random);
        var issuers = new ArrayList<NodeIdentity>();
        for (int i = 0; i < 5; i++) {
            issuers.add(identity(random));
        }
        var info = new NodeInfo(
                caller.nodeId(),
                caller.publicKey(),
                Optional.of(URI.create("https://caller.example")),
                Privacy.PUBLIC,
                List.of("storage"),
                "cairn/bench",
                Optional.empty());
        cold = new byte[DISTINCT][];
        for (int h = 0; h < DISTINCT; h++) {
            var receipts = new ArrayList<Receipt>();
            for (NodeIdentity issuer : issuers) {
                receipts.add(Receipt.issue(issuer, caller.nodeId(), Optional.of(new Asn(64500 + h)), NOW - h));
            }
            String nonce = String.format("%032x", h);
            cold[h] = CanonicalJson.encode(
                    HandshakeRequest.sign(caller, info, new HandshakeMetrics(40, 40), receipts, nonce, NOW)
                            .toJson());
        }
        warm = cold[0];
        self = identity(random).nodeId();
        verifier = new HandshakeVerifier(MembershipConfig.DEFAULTS, () -> NOW, self);
        verifierWithoutSignatures = withoutSignatures();
    }

    @Benchmark
    public HandshakeRequest coldReceipts() {
        // 512 distinct handshakes against an 8192-receipt cache would turn warm after one pass: use a fresh verifier.
        if (next % DISTINCT == 0) {
            verifier = new HandshakeVerifier(MembershipConfig.DEFAULTS, () -> NOW, self);
        }
        return verify(cold[next++ % DISTINCT]);
    }

    @Benchmark
    public HandshakeRequest warmReceipts() {
        return verify(warm);
    }

    /**
     * {@code coldReceipts} with every Ed25519 check answered "valid" at no cost: what a cold handshake costs besides
     * the six signature verifications (parsing, signing inputs, key and receipt lookups). Not a mode a node runs in;
     * it only splits the cold figure into signature checks and everything else.
     */
    @Benchmark
    public HandshakeRequest coldReceiptsWithoutSignatureChecks() {
        if (next % DISTINCT == 0) {
            verifierWithoutSignatures = withoutSignatures();
        }
        var request = HandshakeRequest.fromJson((JsonObject) JsonParser.parse(cold[next++ % DISTINCT]));
        verifierWithoutSignatures.verifyContent(request, NOW);
        return request;
    }

    private HandshakeVerifier withoutSignatures() {
        SignatureVerifier acceptAll = (key, message, signature) -> true;
        return new HandshakeVerifier(MembershipConfig.DEFAULTS, () -> NOW, self, acceptAll);
    }

    private HandshakeRequest verify(byte[] bytes) {
        var request = HandshakeRequest.fromJson((JsonObject) JsonParser.parse(bytes));
        verifier.verifyContent(request, NOW);
        return request;
    }

    private static NodeIdentity identity(Random random) {
        byte[] seed = new byte[32];
        random.nextBytes(seed);
        return NodeIdentity.fromSeed(seed);
    }
}
