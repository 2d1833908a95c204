package dev.cairn.core.crdt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.id.NodeId;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The examples of docs/crdt.md, byte for byte: another implementation can check itself against the same hex. */
class CrdtCodecVectorsTest {
    private static final CrdtCodec CODEC = CrdtCodec.standard();
    private static final NodeId A = NodeId.fromHex("11".repeat(32));
    private static final NodeId B = NodeId.fromHex("22".repeat(32));
    private static final String A_HEX = "11".repeat(32);
    private static final String B_HEX = "22".repeat(32);

    @Test
    void gCounter() {
        GCounter value = GCounter.empty().increment(A, 5).increment(B, 3);
        String hex = "0101" + "00000002" + A_HEX + "0000000000000005" + B_HEX + "0000000000000003";
        assertThat(encode(value)).isEqualTo(hex);
        assertThat(CODEC.decodeGCounter(bytes(hex))).isEqualTo(value);
    }

    @Test
    void pnCounter() {
        PNCounter value = PNCounter.empty().increment(A, 7).decrement(B, 2);
        String hex = "0102" + "00000001" + A_HEX + "0000000000000007" + "00000001" + B_HEX + "0000000000000002";
        assertThat(encode(value)).isEqualTo(hex);
        assertThat(CODEC.decodePNCounter(bytes(hex))).isEqualTo(value);
    }

    @Test
    void lwwRegister() {
        var value = LwwRegister.of(ElementCodec.utf8(), "hi", new Dominance(3, 1_700_000_000_000L, A));
        String hex = "0103" + "0000000000000003" + "0000018bcfe56800" + A_HEX + "00000002" + "6869";
        assertThat(encode(value)).isEqualTo(hex);
        assertThat(CODEC.decodeRegister(bytes(hex), ElementCodec.utf8())).isEqualTo(value);
    }

    @Test
    void lwwElementSet() {
        var value = LwwElementSet.empty(ElementCodec.utf8())
                .add("b", new Dominance(1, 1_000, A))
                .remove("a", new Dominance(2, 2_000, B));
        String hex = "0104" + "00000002"
                + "00000001" + "61" + "0000000000000002" + "00000000000007d0" + B_HEX + "00"
                + "00000001" + "62" + "0000000000000001" + "00000000000003e8" + A_HEX + "01";
        assertThat(encode(value)).isEqualTo(hex);
        assertThat(CODEC.decodeSet(bytes(hex), ElementCodec.utf8())).isEqualTo(value);
    }

    @Test
    void sparseHyperLogLog() {
        var value = HyperLogLog.empty(4).addHash(0x0123456789abcdefL).addHash(0xf000000000000000L);
        String hex = "0105" + "04" + "00" + "00000002" + "000004" + "0003fd";
        assertThat(encode(value)).isEqualTo(hex);
        assertThat(CODEC.decodeHyperLogLog(bytes(hex))).isEqualTo(value);
    }

    @Test
    void denseHyperLogLog() {
        var value = HyperLogLog.empty(4);
        for (long index = 1; index <= 6; index++) {
            // Register `index` gets rank index + 1: the bit after the index field sits `index` places down.
            value = value.addHash(index << 60 | 1L << (59 - index));
        }
        String hex = "0105" + "04" + "01" + "0020c4" + "1461c0" + "000000" + "000000";
        assertThat(encode(value)).isEqualTo(hex);
        assertThat(CODEC.decodeHyperLogLog(bytes(hex))).isEqualTo(value);
    }

    @Test
    void byteHashOfAnElement() {
        // BLAKE3("abc") = 6437b3ac38465133ffb63b75273a8db548c558465d79db03fd359c6cd5bd9d85
        assertThat(HyperLogLog.hash("abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
                .isEqualTo(0x6437b3ac38465133L);
    }

    private static String encode(Crdt<?> value) {
        return HexFormat.of().formatHex(CODEC.encode(value));
    }

    private static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex);
    }
}
