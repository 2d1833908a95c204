package dev.cairn.core.content;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.hash.Digest256;
import dev.cairn.core.id.ContentId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ConversionQueue} must do; each implementation's test extends this. A database implementation
 * registers the content a job is for first ({@link #contentExists}).
 */
public abstract class ConversionQueueContract {
    protected ConversionQueue queue;

    protected abstract ConversionQueue newStore();

    /** Called before a content is queued: register it where a job must reference an existing content. */
    protected void contentExists(ContentId content, ContentKind kind) {}

    @BeforeEach
    void open() {
        queue = newStore();
    }

    protected ContentId content(String seed, ContentKind kind) {
        ContentId id = new ContentId(Digest256.blake3(seed.getBytes(StandardCharsets.UTF_8)));
        contentExists(id, kind);
        return id;
    }

    @Test
    void aContentIsQueuedOnlyOnce() {
        ContentId song = content("song", ContentKind.AUDIO);

        assertThat(queue.enqueue(song, ContentKind.AUDIO)).isTrue();
        assertThat(queue.enqueue(song, ContentKind.AUDIO)).isFalse();
    }

    @Test
    void differentContentsAreQueuedIndependently() {
        ContentId song = content("song", ContentKind.AUDIO);
        ContentId film = content("film", ContentKind.VIDEO);
        ContentId photo = content("photo", ContentKind.IMAGE);

        assertThat(queue.enqueue(song, ContentKind.AUDIO)).isTrue();
        assertThat(queue.enqueue(film, ContentKind.VIDEO)).isTrue();
        assertThat(queue.enqueue(photo, ContentKind.IMAGE)).isTrue();
    }

    @Test
    void ofManyRequestsRacingToQueueOneContentExactlyOneWins() throws Exception {
        ContentId film = content("film", ContentKind.VIDEO);
        int threads = 8;
        var start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Callable<Boolean> enqueue = () -> {
                    start.await();
                    return queue.enqueue(film, ContentKind.VIDEO);
                };
                results.add(pool.submit(enqueue));
            }
            start.countDown();
            int won = 0;
            for (Future<Boolean> result : results) {
                won += result.get() ? 1 : 0;
            }

            assertThat(won).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
