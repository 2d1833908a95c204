package dev.cairn.core.replication;

import dev.cairn.core.hash.Digest256;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.id.NodeId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Deterministic ids and views for the replication tests. */
final class ReplicationFixtures {
    private ReplicationFixtures() {}

    /** A NodeId whose first byte is {@code first} and whose other bytes come from {@code random}. */
    static NodeId nodeId(int first, Random random) {
        byte[] b = new byte[32];
        random.nextBytes(b);
        b[0] = (byte) first;
        return new NodeId(Digest256.of(b));
    }

    static NodeId randomNodeId(Random random) {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return new NodeId(Digest256.of(b));
    }

    static ContentId contentId(int first, Random random) {
        byte[] b = new byte[32];
        random.nextBytes(b);
        b[0] = (byte) first;
        return new ContentId(Digest256.of(b));
    }

    static ContentId randomContentId(Random random) {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return new ContentId(Digest256.of(b));
    }

    /** {@code n} candidates, each in one of {@code networks} networks; network i has first octet 10+i and ASN 64500+i. */
    static List<Candidate> view(int n, int networks, Random random) {
        var out = new ArrayList<Candidate>(n);
        for (int i = 0; i < n; i++) {
            int net = random.nextInt(networks);
            out.add(Candidate.of(randomNodeId(random), 10 + net, 64_500 + net));
        }
        return out;
    }
}
