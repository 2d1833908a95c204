package dev.cairn.core.replication;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.hash.Digest256;
import dev.cairn.core.id.ContentId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

class BackgroundFetcherTest {
    static final ContentId CONTENT = new ContentId(Digest256.blake3("blob".getBytes(StandardCharsets.UTF_8)));

    final InMemoryPinSet pins = new InMemoryPinSet();
    final List<ContentId> fetched = new ArrayList<>();
    final Queue<Runnable> queued = new ArrayDeque<>();
    boolean succeed = true;

    final ReplicaFetcher slow = new ReplicaFetcher() {
        @Override
        public boolean fetchAndPin(ContentId content) {
            fetched.add(content);
            return succeed && pins.add(content);
        }

        @Override
        public void unpin(ContentId content) {
            pins.remove(content);
        }
    };

    /** An executor that runs tasks only when the test says so. */
    final Executor manual = queued::add;

    @Test
    void theFirstAskStartsATransferAndAnswersFalseWithoutWaiting() {
        var fetcher = new BackgroundFetcher(slow, pins, manual);

        assertThat(fetcher.fetchAndPin(CONTENT)).isFalse();
        assertThat(fetched).isEmpty();
        assertThat(queued).hasSize(1);
        assertThat(fetcher.inFlight()).isEqualTo(1);
    }

    @Test
    void askingAgainWhileTheTransferRunsStartsNoSecondOne() {
        var fetcher = new BackgroundFetcher(slow, pins, manual);
        fetcher.fetchAndPin(CONTENT);
        fetcher.fetchAndPin(CONTENT);

        assertThat(queued).hasSize(1);
    }

    @Test
    void onceTheTransferPinnedTheBlobTheAnswerIsTrue() {
        var fetcher = new BackgroundFetcher(slow, pins, manual);
        fetcher.fetchAndPin(CONTENT);
        queued.remove().run();

        assertThat(fetcher.fetchAndPin(CONTENT)).isTrue();
        assertThat(fetcher.inFlight()).isZero();
        assertThat(fetched).containsExactly(CONTENT);
    }

    @Test
    void aFailedTransferIsStartedAgainOnTheNextAsk() {
        var fetcher = new BackgroundFetcher(slow, pins, manual);
        succeed = false;
        fetcher.fetchAndPin(CONTENT);
        queued.remove().run();

        assertThat(fetcher.fetchAndPin(CONTENT)).isFalse();
        assertThat(queued).hasSize(1);
    }

    @Test
    void aSaturatedExecutorLeavesNothingStuckInFlight() {
        var fetcher = new BackgroundFetcher(slow, pins, task -> {
            throw new RejectedExecutionException("full");
        });

        assertThat(fetcher.fetchAndPin(CONTENT)).isFalse();
        assertThat(fetcher.inFlight()).isZero();
    }

    @Test
    void unpinGoesToTheDelegate() {
        pins.add(CONTENT);
        new BackgroundFetcher(slow, pins, manual).unpin(CONTENT);

        assertThat(pins.contains(CONTENT)).isFalse();
    }
}
