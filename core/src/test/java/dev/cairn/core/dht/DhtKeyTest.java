package dev.cairn.core.dht;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.hash.Digest256;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.id.NodeId;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DhtKeyTest {
    static final String HEX = "af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262";

    @Test
    void eachKindHasItsDocumentedWireForm() {
        assertThat(new MetaKey(ContentId.fromHex(HEX)).wire()).isEqualTo("v1/meta/" + HEX);
        assertThat(new MembershipKey(NodeId.fromHex(HEX)).wire()).isEqualTo("v1/membership/" + HEX);
        assertThat(new MetricKey(ContentId.fromHex(HEX), 1_764_090_000L).wire())
                .isEqualTo("v1/metric/" + HEX + "/1764090000");
    }

    @Property(tries = 1000)
    void everyKeyParsesBackFromItsWireForm(@ForAll("keys") DhtKey key) {
        assertThat(DhtKey.parse(key.wire())).isEqualTo(key);
    }

    @Test
    void aMetricWindowStartsAtAMultipleOfItsLength() {
        var key = MetricKey.containing(ContentId.fromHex(HEX), 7_205, 3_600);
        assertThat(key.windowStart()).isEqualTo(7_200);
        assertThat(MetricKey.containing(ContentId.fromHex(HEX), 7_200, 3_600)).isEqualTo(key);
        assertThat(MetricKey.containing(ContentId.fromHex(HEX), 7_199, 3_600).windowStart())
                .isEqualTo(3_600);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "v1",
                "v2/meta/" + HEX,
                "V1/meta/" + HEX,
                "v1/metas/" + HEX,
                "v1/meta/" + HEX + "/1",
                "v1/meta/AF1349B9F5F9A1A6A0404DEA36DCC9499BCB25C9ADC112B7CC9A93CAE41F3262",
                "v1/meta/af13",
                "v1/membership/",
                "v1/metric/" + HEX,
                "v1/metric/" + HEX + "/",
                "v1/metric/" + HEX + "/0123",
                "v1/metric/" + HEX + "/-5",
                "v1/metric/" + HEX + "/+5",
                "v1/metric/" + HEX + "/99999999999999999999",
                "v1/metric/" + HEX + "/9223372036854775808",
            })
    void malformedKeysAreRefusedWithAReason(String wire) {
        assertThatThrownBy(() -> DhtKey.parse(wire))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageFindingMatch("DHT key|ContentId|NodeId|metric window");
    }

    @Test
    void anOverlongKeyIsRefusedBeforeParsing() {
        assertThatThrownBy(() -> DhtKey.parse("v1/meta/" + "a".repeat(500)))
                .hasMessageContaining("at most " + DhtKey.MAX_WIRE_LENGTH);
    }

    @Test
    void aNegativeWindowCannotBeBuilt() {
        assertThatThrownBy(() -> new MetricKey(ContentId.fromHex(HEX), -1)).hasMessageContaining("-1");
    }

    @Provide
    Arbitrary<DhtKey> keys() {
        Arbitrary<Digest256> digests =
                Arbitraries.bytes().array(byte[].class).ofSize(32).map(Digest256::of);
        Arbitrary<DhtKey> meta = digests.map(d -> new MetaKey(new ContentId(d)));
        Arbitrary<DhtKey> membership = digests.map(d -> new MembershipKey(new NodeId(d)));
        Arbitrary<DhtKey> metric = digests.flatMap(
                d -> Arbitraries.longs().between(0, Long.MAX_VALUE).map(w -> new MetricKey(new ContentId(d), w)));
        return Arbitraries.oneOf(meta, membership, metric);
    }
}
