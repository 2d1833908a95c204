package dev.cairn.core.membership;

import dev.cairn.core.id.SignatureVerifier;
import java.util.Map;

/**
 * The receipts whose signatures this node has already checked, least recently used evicted first.
 *
 * <p>A node presents the same receipts in every handshake until they are replaced, so most receipt signatures a node
 * sees it has seen before; remembering them turns the dominant cost of a handshake (one Ed25519 verification per
 * receipt) into a hash lookup. The key is the whole receipt, signature included, so a hit means these exact bytes
 * verified before. Only successes are kept; time checks are never cached. Bounded, thread-safe.
 *
 * <p>Each node keeps its own by default. A simulator running many nodes in one JVM may give them one shared instance:
 * whether a receipt's signature holds is a pure function of its bytes, so one node's check holds for all.
 */
public final class VerifiedReceipts {
    static final int DEFAULT_CAPACITY = 8_192;

    private final Map<Receipt, Boolean> verified;
    private final SignatureVerifier signatures;

    /** Remembers at most {@code capacity} receipts, checking the others' signatures through {@code signatures}. */
    public VerifiedReceipts(int capacity, SignatureVerifier signatures) {
        this.verified = new LruMap<>(capacity);
        this.signatures = signatures;
    }

    /** Verifies {@code receipt}'s signature unless these exact bytes verified before. */
    void verifySignature(Receipt receipt) {
        synchronized (verified) {
            if (verified.get(receipt) != null) {
                return;
            }
        }
        receipt.verifySignature(signatures);
        synchronized (verified) {
            verified.put(receipt, Boolean.TRUE);
        }
    }

    int size() {
        synchronized (verified) {
            return verified.size();
        }
    }
}
