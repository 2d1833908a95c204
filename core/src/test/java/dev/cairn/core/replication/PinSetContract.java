package dev.cairn.core.replication;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.hash.Digest256;
import dev.cairn.core.id.ContentId;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link PinSet} must do; each implementation's test extends this. */
public abstract class PinSetContract {
    static final ContentId A = new ContentId(Digest256.blake3("a".getBytes(StandardCharsets.UTF_8)));
    static final ContentId B = new ContentId(Digest256.blake3("b".getBytes(StandardCharsets.UTF_8)));

    protected PinSet pins;

    protected abstract PinSet newPinSet();

    @BeforeEach
    void open() {
        pins = newPinSet();
    }

    @Test
    void nothingIsPinnedAtFirst() {
        assertThat(pins.contains(A)).isFalse();
        assertThat(pins.snapshot()).isEmpty();
        assertThat(pins.remove(A)).isFalse();
    }

    @Test
    void aPinIsAddedOnceAndRemovedOnce() {
        assertThat(pins.add(A)).isTrue();
        assertThat(pins.add(A)).isFalse();
        assertThat(pins.contains(A)).isTrue();
        assertThat(pins.snapshot()).containsExactly(A);

        assertThat(pins.remove(A)).isTrue();
        assertThat(pins.remove(A)).isFalse();
        assertThat(pins.contains(A)).isFalse();
    }

    @Test
    void theSnapshotIsACopy() {
        pins.add(A);
        var snapshot = pins.snapshot();
        pins.add(B);

        assertThat(snapshot).containsExactly(A);
        assertThat(pins.snapshot()).containsExactlyInAnyOrder(A, B);
    }
}
