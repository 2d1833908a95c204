package dev.cairn.core.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.canonical.CanonicalJson;
import dev.cairn.core.canonical.JsonObject;
import dev.cairn.core.canonical.JsonParser;
import dev.cairn.core.hash.Digest256;
import dev.cairn.core.id.NodeId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class HeldAdvertisementsTest {
    private static final String NONCE = "000102030405060708090a0b0c0d0e0f";

    record Version(NodeId node, long ts) {}

    private static NodeId node(int n) {
        return new NodeId(Digest256.blake3(("node " + n).getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Version> versions(Random random, int count) {
        var out = new ArrayList<Version>();
        for (int i = 0; i < count; i++) {
            out.add(new Version(node(random.nextInt()), 1_764_090_000_000L + random.nextInt(600_000)));
        }
        return out;
    }

    private static HeldAdvertisements filterOf(List<Version> held, String nonce) {
        var filter = HeldAdvertisements.sized(held.size());
        long[] salt = HeldAdvertisements.salt(nonce);
        held.forEach(v -> filter.add(v.node(), v.ts(), salt));
        return filter;
    }

    private static String nonce(Random random) {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    @Property(tries = 200)
    void everyHeldVersionTestsHeld(@ForAll @IntRange(min = 0, max = 3_000) int count, @ForAll long seed) {
        var random = new Random(seed);
        var held = versions(random, count);
        String nonce = nonce(random);
        var filter = filterOf(held, nonce);

        assertThat(held)
                .allSatisfy(v ->
                        assertThat(filter.mightHold(v.node(), v.ts(), nonce)).isTrue());
    }

    @Test
    void aboutOnePercentOfVersionsNotHeldTestHeld() {
        var random = new Random(7);
        var held = versions(random, 1_000);
        var filter = filterOf(held, NONCE);
        int falsePositives = 0;
        for (Version v : versions(random, 20_000)) {
            if (filter.mightHold(v.node(), v.ts(), NONCE)) {
                falsePositives++;
            }
        }

        assertThat(filter.size()).isEqualTo(10_000);
        assertThat(filter.hashes()).isEqualTo(7);
        // Expected (1 − e^(−7/10))^7 ≈ 0.82%.
        assertThat(falsePositives / 20_000.0).isBetween(0.003, 0.015);
    }

    @Test
    void anotherVersionOfAHeldNodeIsNotHeld() {
        var filter = filterOf(List.of(new Version(node(1), 1_000)), NONCE);

        assertThat(filter.mightHold(node(1), 1_000, NONCE)).isTrue();
        assertThat(filter.mightHold(node(1), 1_001, NONCE)).isFalse();
    }

    @Test
    void aFreshNonceDrawsOtherPositionsSoAFalsePositiveDoesNotRepeat() {
        var random = new Random(3);
        var held = versions(random, 1_000);
        var probes = versions(random, 20_000);
        var first = filterOf(held, NONCE);
        String other = "f0e0d0c0b0a090807060504030201000";
        var second = filterOf(held, other);
        int both = 0;
        int once = 0;
        for (Version v : probes) {
            boolean a = first.mightHold(v.node(), v.ts(), NONCE);
            boolean b = second.mightHold(v.node(), v.ts(), other);
            once += a ? 1 : 0;
            both += a && b ? 1 : 0;
        }

        assertThat(once).isGreaterThan(50);
        // Independent salts: a version starved once is starved again about 1% of the time, not always.
        assertThat(both).isLessThan(once / 10);
    }

    @Test
    void theFilterIsSizedTenBitsPerVersionWithinItsBounds() {
        assertThat(HeldAdvertisements.sized(0).size()).isEqualTo(64);
        assertThat(HeldAdvertisements.sized(0).hashes()).isEqualTo(16);
        assertThat(HeldAdvertisements.sized(100).size()).isEqualTo(1_000);
        assertThat(HeldAdvertisements.sized(65_536).size()).isEqualTo(8 * HeldAdvertisements.MAX_BYTES);
        assertThat(HeldAdvertisements.sized(65_536).hashes()).isEqualTo(1);
    }

    @Test
    void theWireFormRoundTrips() {
        var filter = filterOf(versions(new Random(1), 50), NONCE);
        var parsed =
                HeldAdvertisements.fromJson("h", (JsonObject) JsonParser.parse(CanonicalJson.encode(filter.toJson())));

        assertThat(parsed).isEqualTo(filter);
    }

    @Test
    void malformedFiltersAreRefusedNamingWhatIsWrong() {
        refused("{\"bits\":\"0\",\"hashes\":3}", "h.bits must be 16..32768 lowercase hex characters");
        refused("{\"bits\":\"00000000000000\",\"hashes\":3}", "h.bits must be 16..32768");
        refused("{\"bits\":\"00000000000000AA\",\"hashes\":3}", "h.bits must be");
        refused("{\"bits\":\"" + "00".repeat(HeldAdvertisements.MAX_BYTES + 1) + "\",\"hashes\":3}", "h.bits must be");
        refused("{\"bits\":\"0000000000000000\",\"hashes\":0}", "h.hashes must be in [1, 16], got 0");
        refused("{\"bits\":\"0000000000000000\",\"hashes\":17}", "h.hashes must be in [1, 16], got 17");
        refused("{\"bits\":\"0000000000000000\"}", "h is missing member \"hashes\"");
        refused("{\"bits\":\"0000000000000000\",\"hashes\":1,\"k\":2}", "h has unknown member \"k\"");
    }

    private static void refused(String json, String message) {
        assertThatThrownBy(() -> HeldAdvertisements.fromJson("h", (JsonObject) JsonParser.parse(json)))
                .isInstanceOfSatisfying(
                        HandshakeRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectionReason.MALFORMED))
                .hasMessageContaining(message);
    }
}
