package dev.cairn.core.id;

import dev.cairn.core.hash.Blake3;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link SignatureVerifier} that remembers which (public key, message, signature) triples verified, so each distinct
 * triple is checked with Ed25519 once however many callers ask. Meant to be shared by the nodes of a simulation.
 *
 * <p>An entry is the BLAKE3-256 digest of the length-prefixed key, message and signature: 32 bytes instead of the
 * message, and a triple that differs from a remembered one in any byte (a forged or altered signature, another key, a
 * changed message) has another digest and is verified afresh. Accepting a forgery through the memo would take a
 * BLAKE3 collision. Only successes are remembered, so a failure is always re-checked and costs what it costs without
 * the memo. Bounded: the least recently used entry is forgotten first. Thread-safe.
 */
public final class SignatureMemo implements SignatureVerifier {
    private final SignatureVerifier delegate;
    private final int capacity;
    private final Map<ByteBuffer, Boolean> verified;
    private long hits;
    private long misses;

    /**
     * @param delegate what checks a triple not remembered, normally {@link SignatureVerifier#direct()}
     * @param capacity most triples remembered at once
     */
    public SignatureMemo(SignatureVerifier delegate, int capacity) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        if (capacity < 1) {
            throw new IllegalArgumentException("memo capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        this.verified = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<ByteBuffer, Boolean> eldest) {
                return size() > SignatureMemo.this.capacity;
            }
        };
    }

    @Override
    public boolean verify(NodePublicKey key, byte[] message, byte[] signature) {
        ByteBuffer digest = digest(key, message, signature);
        synchronized (this) {
            if (verified.get(digest) != null) {
                hits++;
                return true;
            }
            misses++;
        }
        boolean valid = delegate.verify(key, message, signature);
        if (valid) {
            synchronized (this) {
                verified.put(digest, Boolean.TRUE);
            }
        }
        return valid;
    }

    /** How many checks were answered from the memo. */
    public synchronized long hits() {
        return hits;
    }

    /** How many checks went to the delegate. */
    public synchronized long misses() {
        return misses;
    }

    /** How many triples are remembered now. */
    public synchronized int size() {
        return verified.size();
    }

    private static ByteBuffer digest(NodePublicKey key, byte[] message, byte[] signature) {
        // Length prefixes keep the split between the three inputs unambiguous.
        byte[] keyBytes = key.toBytes();
        ByteBuffer lengths = ByteBuffer.allocate(12)
                .putInt(keyBytes.length)
                .putInt(message.length)
                .putInt(signature.length)
                .flip();
        byte[] out = Blake3.newHasher()
                .update(lengths)
                .update(keyBytes)
                .update(message)
                .update(signature)
                .digest();
        return ByteBuffer.wrap(out);
    }
}
