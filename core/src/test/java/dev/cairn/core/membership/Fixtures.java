package dev.cairn.core.membership;

import dev.cairn.core.id.NodeIdentity;
import java.net.URI;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** Fixed identities and messages for unit tests and vectors. */
final class Fixtures {
    static final HexFormat HEX = HexFormat.of();
    /** RFC 8032 TEST 1 secret key. */
    static final String SEED_1 = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    /** RFC 8032 TEST 2 secret key. */
    static final String SEED_2 = "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb";

    static final long TS = 1_764_090_000_000L;
    static final String NONCE = "000102030405060708090a0b0c0d0e0f";

    static final NodeIdentity ALICE = NodeIdentity.fromSeed(HEX.parseHex(SEED_1));
    static final NodeIdentity BOB = NodeIdentity.fromSeed(HEX.parseHex(SEED_2));

    private Fixtures() {}

    static NodeInfo info(NodeIdentity id, String host) {
        return new NodeInfo(
                id.nodeId(),
                id.publicKey(),
                Optional.of(URI.create(host)),
                Privacy.PUBLIC,
                List.of("storage", "transcode"),
                "cairn/0.1.0",
                Optional.of(new IpfsInfo("12D3KooWExamplePeer", List.of("/ip4/203.0.113.7/tcp/4001"))));
    }

    static NodeInfo privateInfo(NodeIdentity id) {
        return new NodeInfo(
                id.nodeId(),
                id.publicKey(),
                Optional.empty(),
                Privacy.PRIVATE,
                List.of(),
                "cairn/0.1.0",
                Optional.empty());
    }

    static HandshakeRequest request(NodeIdentity from, List<Receipt> receipts, String nonce, long ts) {
        return HandshakeRequest.sign(
                from, info(from, "https://alice.example"), new HandshakeMetrics(2, 1), receipts, nonce, ts);
    }
}
