package dev.cairn.core.membership;

import dev.cairn.core.id.NodePublicKey;
import java.util.Map;

/**
 * Decoded public keys by their wire form (64 lowercase hex characters), least recently used forgotten first.
 *
 * <p>Decoding a key decompresses a curve point (a field square root) and hashes it for its NodeId, a few microseconds
 * (see {@code Ed25519Benchmark}: verifying with a raw key against a decoded one), and the same few keys arrive in
 * every message: the sender's and its receipts' issuers'. This is
 * a cache of a pure function, {@link NodePublicKey#fromHex}: an entry is made only from a successful decoding of
 * exactly that text and is found only by exactly that text, so a hit returns what decoding would return, and text
 * that fails to decode is never remembered and fails again, the same way, every time. It holds keys, never
 * verification results: every signature is still checked against the key. Bounded and thread-safe, so one instance
 * can serve the whole process.
 */
final class PublicKeyCache {
    private final Map<String, NodePublicKey> keys;

    /** Remembers at most {@code capacity} keys. */
    PublicKeyCache(int capacity) {
        this.keys = new LruMap<>(capacity);
    }

    /**
     * The key {@code hex} decodes to, as {@link NodePublicKey#fromHex}.
     *
     * @throws IllegalArgumentException as {@link NodePublicKey#fromHex}, for text that is not a valid key
     */
    NodePublicKey decode(String hex) {
        synchronized (keys) {
            NodePublicKey known = keys.get(hex);
            if (known != null) {
                return known;
            }
        }
        // Decoded outside the lock: two threads may decode one new key at once, and both get an equal key.
        NodePublicKey decoded = NodePublicKey.fromHex(hex);
        synchronized (keys) {
            keys.put(hex, decoded);
        }
        return decoded;
    }

    /** How many keys are remembered now. */
    int size() {
        synchronized (keys) {
            return keys.size();
        }
    }
}
