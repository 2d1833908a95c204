package dev.cairn.core.encryption;

import dev.cairn.core.port.RandomBytes;
import java.util.Random;

/** Deterministic {@link RandomBytes} fakes, so keys, IVs and nonces repeat from run to run. */
final class TestRandom {
    private TestRandom() {}

    /** A reproducible pseudo-random sequence. */
    static RandomBytes seeded(long seed) {
        Random random = new Random(seed);
        return into -> {
            synchronized (random) {
                random.nextBytes(into);
            }
        };
    }

    /** The bytes 0, 1, 2, ... 255, 0, 1, ... in order: readable test vectors. */
    static RandomBytes counting(int first) {
        int[] next = {first};
        return into -> {
            synchronized (next) {
                for (int i = 0; i < into.length; i++) {
                    into[i] = (byte) next[0]++;
                }
            }
        };
    }
}
