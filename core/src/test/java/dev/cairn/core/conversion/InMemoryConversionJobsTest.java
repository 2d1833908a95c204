package dev.cairn.core.conversion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.port.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InMemoryConversionJobsTest extends ConversionJobsContract {
    @Override
    protected ConversionJobs newJobs(Clock clock, int maxAttempts) {
        return new InMemoryConversionJobs(clock, maxAttempts);
    }

    @Test
    void aReapedJobKeepsWhyAsItsLastError() {
        queued("song");
        jobs.claim("node-a/w1").orElseThrow();

        jobs.reap(clock.instant(), Optional.of("node-a/"));

        assertThat(((InMemoryConversionJobs) jobs).rows().getFirst().lastError())
                .hasValueSatisfying(e -> assertThat(e).contains("node-a/w1", "attempt 1 of 3"));
    }
}
