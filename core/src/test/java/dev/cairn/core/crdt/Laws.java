package dev.cairn.core.crdt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/** Checks of the laws every {@link Crdt} promises, shared by the per-type property tests. */
final class Laws {
    private static final CrdtCodec CODEC = CrdtCodec.standard();

    private Laws() {}

    static <T extends Crdt<T>> void mergeIsCommutative(T a, T b) {
        assertThat(a.merge(b)).isEqualTo(b.merge(a));
        assertThat(CODEC.encode(a.merge(b))).isEqualTo(CODEC.encode(b.merge(a)));
    }

    static <T extends Crdt<T>> void mergeIsAssociative(T a, T b, T c) {
        assertThat(a.merge(b).merge(c)).isEqualTo(a.merge(b.merge(c)));
    }

    static <T extends Crdt<T>> void mergeIsIdempotent(T a, T b) {
        assertThat(a.merge(a)).isEqualTo(a);
        T ab = a.merge(b);
        assertThat(ab.merge(b)).isEqualTo(ab);
        assertThat(ab.merge(a)).isEqualTo(ab);
    }

    /**
     * Five replicas start from {@code empty} and each merges every update, in its own random order and with random
     * duplicates; all must end equal to the merge of all updates, with identical bytes.
     */
    static <T extends Crdt<T>> void replicasConverge(T empty, List<T> updates, long seed) {
        Random random = new Random(seed);
        T expected = empty;
        for (T update : updates) {
            expected = expected.merge(update);
        }
        byte[] expectedBytes = CODEC.encode(expected);
        for (int replica = 0; replica < 5; replica++) {
            List<T> delivery = new ArrayList<>(updates);
            int duplicates = updates.isEmpty() ? 0 : random.nextInt(updates.size() + 1);
            for (int d = 0; d < duplicates; d++) {
                delivery.add(updates.get(random.nextInt(updates.size())));
            }
            Collections.shuffle(delivery, random);
            T state = empty;
            for (T update : delivery) {
                state = state.merge(update);
            }
            assertThat(state).as("replica %d", replica).isEqualTo(expected);
            assertThat(HexFormat.of().formatHex(CODEC.encode(state)))
                    .as("replica %d bytes", replica)
                    .isEqualTo(HexFormat.of().formatHex(expectedBytes));
        }
    }
}
