package dev.cairn.core.content;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.id.ContentId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InMemoryConversionQueueTest extends ConversionQueueContract {
    @Override
    protected ConversionQueue newStore() {
        return new InMemoryConversionQueue();
    }

    @Test
    void pendingJobsAreListedInTheOrderTheyWereQueuedWithTheirKinds() {
        ContentId film = content("film", ContentKind.VIDEO);
        ContentId song = content("song", ContentKind.AUDIO);
        queue.enqueue(film, ContentKind.VIDEO);
        queue.enqueue(song, ContentKind.AUDIO);

        assertThat(((InMemoryConversionQueue) queue).pending())
                .containsExactly(Map.entry(film, ContentKind.VIDEO), Map.entry(song, ContentKind.AUDIO));
    }
}
