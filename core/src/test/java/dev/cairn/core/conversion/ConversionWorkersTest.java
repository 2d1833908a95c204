package dev.cairn.core.conversion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.content.ContentKind;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConversionWorkersTest extends ConversionFixture {
    @Test
    void workersPickUpQueuedJobsWhenWokenAndStopCancellingWhatRuns() throws Exception {
        var workers = new ConversionWorkers(service, 2, "node-a/1/", Duration.ofMinutes(5));
        workers.start();
        try {
            for (int i = 0; i < 3; i++) {
                uploaded(ContentKind.AUDIO, "audio/mpeg");
            }
            workers.wake();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (events.size() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(events).hasSize(3).allMatch(e -> e instanceof ConversionEvent.Ready);

            transcoder.blockingOn(DerivativeKind.LOW);
            uploaded(ContentKind.AUDIO, "audio/mpeg");
            workers.wake();
            assertThat(transcoder.blocked.await(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            workers.stop(Duration.ofSeconds(10));
        }

        assertThat(service.runningCount()).isZero();
        assertThat(job().state()).as("back in the queue, due at once").isEqualTo("pending");
        assertThat(job().nextAttemptAt()).isEqualTo(clock.instant());
        assertThat(job().lastError()).hasValueSatisfying(e -> assertThat(e).contains("node stopped"));
    }
}
