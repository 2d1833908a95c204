package dev.cairn.app.node;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.cairn.adapters.http.server.LogCapture;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class UploadMaintenanceTest {
    static final UploadMaintenance.Schedule FAST =
            new UploadMaintenance.Schedule(Duration.ofMillis(20), Duration.ofMillis(30));

    @Test
    void eachTaskRunsAgainAfterAFailureAndWhatItDidIsCounted() throws Exception {
        var registry = new SimpleMeterRegistry();
        var expiryRuns = new AtomicInteger();
        var retryRuns = new AtomicInteger();
        try (var log = new LogCapture(UploadMaintenance.class);
                var maintenance = new UploadMaintenance(
                        () -> {
                            if (expiryRuns.incrementAndGet() == 1) {
                                throw new IllegalStateException("the database is down");
                            }
                            return 2;
                        },
                        () -> {
                            retryRuns.incrementAndGet();
                            return 1;
                        },
                        FAST,
                        registry)) {
            maintenance.start();

            NodeUploadTest.awaitTrue("both tasks ran three times", () -> expiryRuns.get() >= 3 && retryRuns.get() >= 3);

            assertThat(log.events())
                    .filteredOn(e -> e.getLevel() == Level.ERROR)
                    .singleElement()
                    .satisfies(e -> assertThat(LogCapture.keyValues(e)).containsEntry("task", "upload expiry"));
        }
        assertThat(registry.counter("cairn.uploads.expired").count()).isEqualTo(2.0 * (expiryRuns.get() - 1));
        assertThat(registry.counter("cairn.ipfs.retry.added").count()).isEqualTo(retryRuns.get());
    }

    @Test
    void closingStopsTheSchedule() throws Exception {
        var runs = new AtomicInteger();
        var maintenance = new UploadMaintenance(runs::incrementAndGet, () -> 0, FAST, new SimpleMeterRegistry());
        maintenance.start();
        NodeUploadTest.awaitTrue("the expiry ran", () -> runs.get() > 0);

        maintenance.close();
        int after = runs.get();
        Thread.sleep(100);

        assertThat(runs.get()).isEqualTo(after);
    }
}
