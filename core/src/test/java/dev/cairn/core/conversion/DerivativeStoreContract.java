package dev.cairn.core.conversion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.encryption.ContentKey;
import dev.cairn.core.encryption.KeyContext;
import dev.cairn.core.encryption.MasterKey;
import dev.cairn.core.encryption.WrappedKey;
import dev.cairn.core.hash.Digest256;
import dev.cairn.core.id.ContentId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link DerivativeStore} must do; each implementation's test extends this. A database implementation
 * registers the content a derivative belongs to first ({@link #contentExists}).
 */
public abstract class DerivativeStoreContract {
    protected static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    protected DerivativeStore store;

    protected abstract DerivativeStore newStore();

    /** Called before a derivative of {@code content} is written: register it where rows reference contents. */
    protected void contentExists(ContentId content) {}

    @BeforeEach
    void open() {
        store = newStore();
    }

    protected ContentId content(String seed) {
        ContentId id = id(seed);
        contentExists(id);
        return id;
    }

    static ContentId id(String seed) {
        return new ContentId(Digest256.blake3(seed.getBytes(StandardCharsets.UTF_8)));
    }

    static WrappedKey key(ContentId blob) {
        var random = new Random(blob.hashCode());
        return MasterKey.generate(random::nextBytes)
                .wrap(ContentKey.generate(random::nextBytes), KeyContext.content(blob));
    }

    /** A ready derivative with every column set. */
    static Derivative ready(ContentId content, DerivativeKind kind, String blobSeed, Instant at) {
        ContentId blob = id(blobSeed);
        return new Derivative(
                content,
                kind,
                DerivativeStatus.READY,
                100,
                Optional.of("h264+aac"),
                OptionalLong.of(1_000_000),
                Optional.of(new Dimensions(852, 480)),
                Optional.of(Duration.ofMillis(30_012)),
                OptionalLong.of(3_750_000),
                Optional.of(blob),
                Optional.of(key(blob)),
                Optional.empty(),
                at);
    }

    @Test
    void aContentWithNoDerivativesHasAnEmptyList() {
        assertThat(store.of(content("film"))).isEmpty();
    }

    @Test
    void aReadyDerivativeComesBackWithEveryColumn() {
        ContentId film = content("film");
        Derivative low = ready(film, DerivativeKind.LOW, "low blob", T0);

        store.put(low);

        assertThat(store.of(film)).containsExactly(low);
    }

    @Test
    void aPendingDerivativeHasOnlyItsStatus() {
        ContentId film = content("film");
        Derivative pending = Derivative.pending(film, DerivativeKind.PREVIEW, T0);

        store.put(pending);

        assertThat(store.of(film)).containsExactly(pending);
    }

    @Test
    void aFailedDerivativeKeepsItsReason() {
        ContentId film = content("film");
        Derivative failed = new Derivative(
                film,
                DerivativeKind.COVER,
                DerivativeStatus.FAILED,
                0,
                Optional.empty(),
                OptionalLong.empty(),
                Optional.empty(),
                Optional.empty(),
                OptionalLong.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of("unreadable_input: moov atom not found"),
                T0);

        store.put(failed);

        assertThat(store.of(film)).containsExactly(failed);
    }

    @Test
    void writingAKindAgainReplacesItNeverAddsOne() {
        ContentId film = content("film");
        store.put(Derivative.pending(film, DerivativeKind.LOW, T0));
        store.put(ready(film, DerivativeKind.LOW, "first run", T0.plusSeconds(1)));
        Derivative rerun = ready(film, DerivativeKind.LOW, "second run", T0.plusSeconds(2));

        store.put(rerun);

        assertThat(store.of(film)).containsExactly(rerun);
    }

    @Test
    void derivativesAreListedInKindOrderAndPerContent() {
        ContentId film = content("film");
        ContentId song = content("song");
        store.put(Derivative.pending(film, DerivativeKind.COVER, T0));
        store.put(Derivative.pending(film, DerivativeKind.HIGH, T0));
        store.put(Derivative.pending(film, DerivativeKind.PREVIEW, T0));
        store.put(Derivative.pending(song, DerivativeKind.LOW, T0));

        assertThat(store.of(film))
                .extracting(Derivative::kind)
                .containsExactly(DerivativeKind.PREVIEW, DerivativeKind.HIGH, DerivativeKind.COVER);
        assertThat(store.of(song)).extracting(Derivative::kind).containsExactly(DerivativeKind.LOW);
    }

    @Test
    void progressIsKeptWhileProcessing() {
        ContentId film = content("film");
        Derivative processing = new Derivative(
                film,
                DerivativeKind.HIGH,
                DerivativeStatus.PROCESSING,
                42,
                Optional.empty(),
                OptionalLong.empty(),
                Optional.empty(),
                Optional.empty(),
                OptionalLong.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                T0);

        store.put(processing);

        assertThat(store.of(film)).containsExactly(processing);
    }
}
