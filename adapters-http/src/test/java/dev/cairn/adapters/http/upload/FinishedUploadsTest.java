package dev.cairn.adapters.http.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.id.ContentId;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Repeated finish hooks of one tusd upload: stored once, answered alike, failures forgotten, memory bounded. */
class FinishedUploadsTest {
    private static final FinishedUploads.Key KEY = new FinishedUploads.Key(42, "a");
    private static final ContentId ID = ContentId.fromHex("11".repeat(32));
    private static final ContentId OTHER = ContentId.fromHex("22".repeat(32));

    private final FinishedUploads finished = new FinishedUploads(2);
    private final AtomicInteger stored = new AtomicInteger();

    @Test
    void aRepeatIsAnsweredFromMemory() {
        assertThat(finished.once(KEY, () -> store(ID))).isEqualTo(ID);
        assertThat(finished.once(KEY, () -> store(OTHER))).isEqualTo(ID);
        assertThat(stored).hasValue(1);
    }

    @Test
    void aRepeatWhileTheFirstIsStoringWaitsForItsResult() throws Exception {
        var entered = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var first = CompletableFuture.supplyAsync(() -> finished.once(KEY, () -> {
            entered.countDown();
            await(release);
            return store(ID);
        }));
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        var repeat = CompletableFuture.supplyAsync(() -> finished.once(KEY, () -> store(OTHER)));

        release.countDown();

        assertThat(repeat.get(10, TimeUnit.SECONDS)).isEqualTo(ID);
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(ID);
        assertThat(stored).hasValue(1);
    }

    @Test
    void aFailureIsNotRememberedSoTheNextRepeatTriesAgain() {
        assertThatThrownBy(() -> finished.once(KEY, () -> {
                    throw new IllegalStateException("disk full");
                }))
                .hasMessage("disk full");

        assertThat(finished.once(KEY, () -> store(ID))).isEqualTo(ID);
    }

    @Test
    void theSameTusdIdOfAnotherUserIsAnotherUpload() {
        finished.once(KEY, () -> store(ID));

        assertThat(finished.once(new FinishedUploads.Key(7, "a"), () -> store(OTHER)))
                .isEqualTo(OTHER);
    }

    @Test
    void onlyTheMostRecentUploadsAreRemembered() {
        finished.once(KEY, () -> store(ID));
        finished.once(new FinishedUploads.Key(42, "b"), () -> store(ID));
        finished.once(new FinishedUploads.Key(42, "c"), () -> store(ID));

        assertThat(finished.once(KEY, () -> store(OTHER))).isEqualTo(OTHER);
        assertThat(stored).hasValue(4);
    }

    private ContentId store(ContentId id) {
        stored.incrementAndGet();
        return id;
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
