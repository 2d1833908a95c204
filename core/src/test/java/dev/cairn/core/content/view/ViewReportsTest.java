package dev.cairn.core.content.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.content.view.ViewReports.Outcome;
import dev.cairn.core.dht.InMemoryRecordStore;
import dev.cairn.core.dht.LocalDht;
import dev.cairn.core.dht.MetricState;
import dev.cairn.core.dht.RecordValueCodec;
import dev.cairn.core.hash.Digest256;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.id.NodeIdentity;
import dev.cairn.core.metrics.MetricsConfig;
import dev.cairn.core.metrics.View;
import dev.cairn.core.metrics.ViewMetrics;
import dev.cairn.core.port.ManualClock;
import dev.cairn.core.port.OverlayMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Reported views: refused out of limits, dropped when repeated too soon, bounded by the clock. */
class ViewReportsTest {
    static final long HOUR = 1_764_090_000L / 3600 * 3600;
    static final ContentId FILM = new ContentId(Digest256.blake3("film".getBytes(StandardCharsets.UTF_8)));
    static final byte[] PHONE = "phone-salt".getBytes(StandardCharsets.UTF_8);
    static final byte[] LAPTOP = "laptop-salt".getBytes(StandardCharsets.UTF_8);

    final ManualClock clock = new ManualClock((HOUR + 10) * 1000);
    final NodeIdentity identity = NodeIdentity.fromSeed(new byte[32]);
    final LocalDht dht = new LocalDht(identity, clock, new InMemoryRecordStore(), RecordValueCodec.standard());
    final ViewMetrics metrics =
            new ViewMetrics(identity.nodeId(), dht, clock, OverlayMetrics.NONE, MetricsConfig.DEFAULT);
    final ViewReports reports = new ViewReports(metrics, MetricsConfig.DEFAULT, clock, Duration.ofSeconds(30), 1000);

    MetricState window() {
        return metrics.window(FILM, clock.epochSecond()).orElseThrow();
    }

    @Test
    void aReportIsCountedInTheWindow() {
        assertThat(reports.report(FILM, new View(PHONE, 120, 5_000_000, true))).isEqualTo(Outcome.RECORDED);

        assertThat(window().views().value()).isEqualTo(1);
        assertThat(window().watchTimeSeconds().value()).isEqualTo(120);
        assertThat(window().bytesOut().value()).isEqualTo(5_000_000);
        assertThat(window().completions().value()).isEqualTo(1);
    }

    @Test
    void negativeAndAbsurdValuesAreRefusedAndCountNothing() {
        for (View bad : new View[] {
            new View(PHONE, -1, 0, false),
            new View(PHONE, 86_401, 0, false),
            new View(PHONE, 0, -1, false),
            new View(PHONE, 0, (64L << 30) + 1, false),
            new View(new byte[0], 0, 0, false),
            new View(new byte[65], 0, 0, false)
        }) {
            assertThatThrownBy(() -> reports.report(FILM, bad)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(metrics.window(FILM, clock.epochSecond())).isEmpty();
    }

    @Test
    void theSameDeviceReportingAgainTooSoonAddsNothing() {
        reports.report(FILM, new View(PHONE, 10, 100, false));
        clock.advance(Duration.ofSeconds(29));

        assertThat(reports.report(FILM, new View(PHONE, 10, 100, false))).isEqualTo(Outcome.TOO_SOON);
        assertThat(reports.report(FILM, new View(LAPTOP, 10, 100, false))).isEqualTo(Outcome.RECORDED);
        clock.advance(Duration.ofSeconds(1));
        assertThat(reports.report(FILM, new View(PHONE, 10, 100, false))).isEqualTo(Outcome.RECORDED);

        assertThat(window().views().value()).isEqualTo(3);
        assertThat(window().watchTimeSeconds().value()).isEqualTo(30);
    }

    @Test
    void aDeviceCannotReportWatchingFasterThanTimePasses() {
        reports.report(FILM, new View(PHONE, 86_400, 0, false));
        clock.advance(Duration.ofSeconds(60));

        reports.report(FILM, new View(PHONE, 86_400, 0, false));

        // One whole view's maximum, then only the 60 seconds that passed.
        assertThat(window().watchTimeSeconds().value()).isEqualTo(86_400 + 60);
    }

    @Test
    void aCompletionCountsOncePerDeviceAndWindow() {
        reports.report(FILM, new View(PHONE, 10, 0, true));
        clock.advance(Duration.ofSeconds(60));
        reports.report(FILM, new View(PHONE, 10, 0, true));
        assertThat(window().completions().value()).isEqualTo(1);

        clock.advance(Duration.ofHours(1));
        reports.report(FILM, new View(PHONE, 10, 0, true));
        assertThat(window().completions().value()).isEqualTo(1);
        assertThat(window().views().value()).isEqualTo(1);
    }
}
