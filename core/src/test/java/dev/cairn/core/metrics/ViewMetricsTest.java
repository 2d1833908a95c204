package dev.cairn.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.cairn.core.dht.DhtRecord;
import dev.cairn.core.dht.InMemoryRecordStore;
import dev.cairn.core.dht.LocalDht;
import dev.cairn.core.dht.MetricState;
import dev.cairn.core.dht.RecordValueCodec;
import dev.cairn.core.hash.Blake3;
import dev.cairn.core.hash.Digest256;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.id.NodeIdentity;
import dev.cairn.core.port.ManualClock;
import dev.cairn.core.port.OverlayMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ViewMetricsTest {
    static final long HOUR_START = 1_764_090_000L - 1_764_090_000L % 3600;
    static final ContentId CONTENT = new ContentId(Digest256.blake3("song".getBytes(StandardCharsets.UTF_8)));

    /** One node: its identity, DHT and metrics. */
    record Node(NodeIdentity identity, LocalDht dht, ViewMetrics metrics) {}

    final ManualClock clock = new ManualClock(HOUR_START * 1000 + 5_000);
    final Recording recording = new Recording();

    Node node(int i) {
        var identity = NodeIdentity.fromSeed(Blake3.hash(("n" + i).getBytes(StandardCharsets.UTF_8)));
        var dht = new LocalDht(identity, clock, new InMemoryRecordStore(), RecordValueCodec.standard());
        return new Node(
                identity, dht, new ViewMetrics(identity.nodeId(), dht, clock, recording, MetricsConfig.DEFAULT));
    }

    static View view(int device, long seconds, boolean completed) {
        return new View(("device-" + device).getBytes(StandardCharsets.UTF_8), seconds, seconds * 1000, completed);
    }

    @Test
    void aViewIsCountedInTheWindowOfTheClock() {
        Node node = node(0);
        node.metrics().recordView(CONTENT, view(1, 30, true));

        MetricState window = node.metrics().window(CONTENT, HOUR_START + 10).orElseThrow();
        assertThat(window.views().value()).isEqualTo(1);
        assertThat(window.watchTimeSeconds().value()).isEqualTo(30);
        assertThat(window.bytesOut().value()).isEqualTo(30_000);
        assertThat(window.completions().value()).isEqualTo(1);
        assertThat(window.uniques().estimate()).isCloseTo(1.0, within(0.01));
        assertThat(node.metrics().window(CONTENT, HOUR_START + 3600)).isEmpty();
        assertThat(recording.views).isEqualTo(1);
        assertThat(recording.watchSeconds).isEqualTo(30);
    }

    @Test
    void theNextHourIsAnotherWindow() {
        Node node = node(0);
        node.metrics().recordView(CONTENT, view(1, 30, false));
        clock.advance(Duration.ofHours(1));
        node.metrics().recordView(CONTENT, view(1, 30, false));

        assertThat(node.metrics()
                        .window(CONTENT, HOUR_START)
                        .orElseThrow()
                        .views()
                        .value())
                .isEqualTo(1);
        assertThat(node.metrics()
                        .window(CONTENT, HOUR_START + 3600)
                        .orElseThrow()
                        .views()
                        .value())
                .isEqualTo(1);
    }

    @Test
    void oneDeviceViewingTwiceIsTwoViewsAndOneUniqueViewer() {
        Node node = node(0);
        node.metrics().recordView(CONTENT, view(7, 10, false));
        node.metrics().recordView(CONTENT, view(7, 20, true));

        MetricState window = node.metrics().window(CONTENT, HOUR_START).orElseThrow();
        assertThat(window.views().value()).isEqualTo(2);
        assertThat(window.uniques().estimate()).isCloseTo(1.0, within(0.01));
    }

    @Test
    void theViewIdIsBlake3OfContentIdAndSalt() {
        byte[] salt = "salt".getBytes(StandardCharsets.UTF_8);
        byte[] concatenated = new byte[32 + salt.length];
        System.arraycopy(CONTENT.value().toBytes(), 0, concatenated, 0, 32);
        System.arraycopy(salt, 0, concatenated, 32, salt.length);
        assertThat(ViewMetrics.viewId(CONTENT, salt)).isEqualTo(Blake3.hash(concatenated));
    }

    @Test
    void outOfBoundsViewsAreRefusedByNameAndRecordNothing() {
        Node node = node(0);
        var config = MetricsConfig.DEFAULT;
        assertThatThrownBy(() -> node.metrics().recordView(CONTENT, new View(new byte[0], 1, 1, false)))
                .hasMessageContaining("device_salt");
        assertThatThrownBy(() -> node.metrics().recordView(CONTENT, new View(new byte[65], 1, 1, false)))
                .hasMessageContaining("65 bytes");
        assertThatThrownBy(() -> node.metrics().recordView(CONTENT, new View(new byte[8], -1, 1, false)))
                .hasMessageContaining("watch_time")
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> node.metrics()
                        .recordView(CONTENT, new View(new byte[8], config.maxWatchSeconds() + 1, 1, false)))
                .hasMessageContaining("watch_time");
        assertThatThrownBy(() -> node.metrics().recordView(CONTENT, new View(new byte[8], 1, -5, false)))
                .hasMessageContaining("bytes_out")
                .hasMessageContaining("-5");

        assertThat(node.metrics().window(CONTENT, HOUR_START)).isEmpty();
        assertThat(recording.views).isZero();
    }

    @Test
    void aWindowLengthOutsideItsRangeIsRefusedByName() {
        assertThatThrownBy(() -> new MetricsConfig(0, 1, 1, 1)).hasMessageContaining("DHT_METRIC_WINDOW_SEC");
    }

    /**
     * Views recorded on several nodes, then records exchanged in any order with duplicates: every node ends with the
     * same window, and no view, second, byte or completion is lost or counted twice.
     */
    @Property(tries = 200)
    void windowsMergedAcrossNodesLoseAndDoubleNothing(
            @ForAll @IntRange(min = 1, max = 30) int viewCount, @ForAll long seed) {
        var random = new Random(seed);
        List<Node> nodes = List.of(node(0), node(1), node(2));
        long views = 0, seconds = 0, completions = 0;
        List<DhtRecord> published = new ArrayList<>();
        for (int i = 0; i < viewCount; i++) {
            Node at = nodes.get(random.nextInt(nodes.size()));
            long watch = random.nextInt(300);
            boolean completed = random.nextBoolean();
            published.add(at.metrics().recordView(CONTENT, view(random.nextInt(10), watch, completed)));
            views++;
            seconds += watch;
            completions += completed ? 1 : 0;
        }
        for (Node node : nodes) {
            var deliveries = new ArrayList<>(published);
            deliveries.addAll(published.subList(0, random.nextInt(published.size() + 1)));
            Collections.shuffle(deliveries, random);
            deliveries.forEach(node.dht()::accept);
        }
        // One more round so that joins signed by different nodes meet.
        for (Node node : nodes) {
            for (Node other : nodes) {
                other.dht().get(published.get(0).key()).ifPresent(node.dht()::accept);
            }
        }

        List<MetricState> windows = nodes.stream()
                .map(n -> n.metrics().window(CONTENT, HOUR_START).orElseThrow())
                .toList();
        assertThat(windows).allSatisfy(w -> assertThat(w).isEqualTo(windows.get(0)));
        MetricState merged = windows.get(0);
        assertThat(merged.views().value()).isEqualTo(views);
        assertThat(merged.watchTimeSeconds().value()).isEqualTo(seconds);
        assertThat(merged.bytesOut().value()).isEqualTo(seconds * 1000);
        assertThat(merged.completions().value()).isEqualTo(completions);
    }

    /** Remembers what the overlay reported. */
    static final class Recording implements OverlayMetrics {
        long views;
        long watchSeconds;

        @Override
        public void viewsRecorded(long n) {
            views += n;
        }

        @Override
        public void watchTimeRecorded(long seconds) {
            watchSeconds += seconds;
        }
    }
}
