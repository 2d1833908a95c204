package dev.cairn.core.replication;

import dev.cairn.core.hash.Blake3;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.id.NodeId;
import java.util.Arrays;

/**
 * Rendezvous (highest-random-weight) ranking: a node's score for a content is BLAKE3-256(ContentId bytes ‖ NodeId
 * bytes), read as an unsigned big-endian number; the <em>higher</em> score ranks first, equal scores (never seen in
 * practice) by lower NodeId. Every node computes the same order, and a node leaving moves only its own contents.
 */
public final class Rendezvous {
    private Rendezvous() {}

    /** The score of {@code node} for {@code content}: 32 bytes, compared unsigned. */
    public static byte[] score(ContentId content, NodeId node) {
        return Blake3.newHasher()
                .update(content.value().toBytes())
                .update(node.value().toBytes())
                .digest();
    }

    /** Positive if {@code a} ranks before {@code b}. */
    static int compare(byte[] scoreA, NodeId a, byte[] scoreB, NodeId b) {
        int cmp = Arrays.compareUnsigned(scoreA, scoreB);
        return cmp != 0 ? cmp : b.compareTo(a);
    }
}
