package dev.cairn.core.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.id.NodeIdentity;
import dev.cairn.core.id.NodePublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class PublicKeyCacheTest {
    private static final List<NodeIdentity> IDS = identities(16);

    private static List<NodeIdentity> identities(int n) {
        var ids = new ArrayList<NodeIdentity>();
        for (int i = 0; i < n; i++) {
            byte[] seed = new byte[32];
            seed[0] = (byte) (i + 1);
            ids.add(NodeIdentity.fromSeed(seed));
        }
        return ids;
    }

    private static String hex(int i) {
        return IDS.get(i).publicKey().hex();
    }

    @Test
    void aKeyIsDecodedOnceAndFoundByItsText() {
        var cache = new PublicKeyCache(8);

        NodePublicKey first = cache.decode(hex(0));

        assertThat(first).isEqualTo(IDS.get(0).publicKey());
        assertThat(first.nodeId()).isEqualTo(IDS.get(0).nodeId());
        assertThat(cache.decode(hex(0))).isSameAs(first);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void holdsAtMostItsCapacityForgettingTheLeastRecentlyUsed() {
        var cache = new PublicKeyCache(2);
        NodePublicKey zero = cache.decode(hex(0));
        NodePublicKey one = cache.decode(hex(1));
        cache.decode(hex(0)); // now 1 is the least recently used

        cache.decode(hex(2));

        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.decode(hex(0))).isSameAs(zero);
        assertThat(cache.decode(hex(1))).isNotSameAs(one).isEqualTo(one);
        assertThatThrownBy(() -> new PublicKeyCache(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anotherTextNeverMapsToARememberedKey() {
        var cache = new PublicKeyCache(64);
        String known = hex(0);
        cache.decode(known);

        // The same bytes spelled in upper case are not the wire form: refused as if nothing were cached.
        assertThatThrownBy(() -> cache.decode(known.toUpperCase(java.util.Locale.ROOT)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("64 lowercase hex characters");
        // Every one-character change decodes to its own key, or fails exactly as decoding it afresh does.
        for (int i = 0; i < known.length(); i++) {
            char c = known.charAt(i) == '0' ? '1' : '0';
            String changed = known.substring(0, i) + c + known.substring(i + 1);
            NodePublicKey expected;
            try {
                expected = NodePublicKey.fromHex(changed);
            } catch (IllegalArgumentException invalid) {
                assertThatThrownBy(() -> cache.decode(changed)).hasMessage(invalid.getMessage());
                continue;
            }
            NodePublicKey found = cache.decode(changed);
            assertThat(found).isEqualTo(expected).isNotEqualTo(IDS.get(0).publicKey());
            assertThat(found.nodeId()).isEqualTo(expected.nodeId());
        }
    }

    @Test
    void textThatIsNotAKeyIsNeverRemembered() {
        var cache = new PublicKeyCache(8);
        String notAPoint = "ff".repeat(32);

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> cache.decode(notAPoint))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not a valid Ed25519 public key");
        }
        assertThatThrownBy(() -> cache.decode("abc")).isInstanceOf(IllegalArgumentException.class);
        assertThat(cache.size()).isZero();
    }

    @Test
    void manyThreadsAlwaysGetTheKeyOfTheTextTheyGave() throws Exception {
        var cache = new PublicKeyCache(4); // far fewer than the keys in use: constant eviction
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            var results = new ArrayList<Future<Integer>>();
            for (int t = 0; t < 8; t++) {
                int offset = t;
                results.add(pool.submit(() -> {
                    int checked = 0;
                    for (int round = 0; round < 2_000; round++) {
                        int i = (round * 7 + offset) % IDS.size();
                        NodePublicKey key = cache.decode(hex(i));
                        if (!key.equals(IDS.get(i).publicKey())
                                || !key.nodeId().equals(IDS.get(i).nodeId())) {
                            throw new AssertionError("text of key " + i + " gave " + key);
                        }
                        checked++;
                    }
                    return checked;
                }));
            }
            for (var result : results) {
                assertThat(result.get()).isEqualTo(2_000);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(cache.size()).isLessThanOrEqualTo(4);
    }
}
