package dev.cairn.core.crdt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.id.NodeId;
import java.util.HexFormat;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** Hostile and malformed inputs, one by one: each is refused with a format exception that says what and where. */
class CrdtCodecRejectionTest {
    private static final CrdtCodec CODEC = CrdtCodec.standard();
    private static final String A_HEX = "11".repeat(32);
    private static final String B_HEX = "22".repeat(32);
    private static final NodeId A = NodeId.fromHex(A_HEX);

    @Test
    void aHugeDeclaredCountIsRefusedBeforeAllocating() {
        rejected(() -> CODEC.decodeGCounter(bytes("0101ffffffff")), 2, "exceeds the limit 100000");
        rejected(() -> CODEC.decodeSet(bytes("0104ffffffff"), ElementCodec.utf8()), 2, "exceeds the limit");
        rejected(() -> CODEC.decodeHyperLogLog(bytes("0105 0e00 ffffffff")), 4, "exceeds the limit 4095");
    }

    @Test
    void aCountLargerThanTheBytesLeftIsRefusedBeforeAllocating() {
        rejected(() -> CODEC.decodeGCounter(bytes("0101 00010000")), 2, "needs at least 2621440 bytes, 0 remain");
    }

    @Test
    void aHugeElementLengthIsRefused() {
        String set = "0104 00000001 fffffff0" + "00".repeat(60);
        rejected(() -> CODEC.decodeSet(bytes(set), ElementCodec.bytes()), 6, "length 4294967280 exceeds the limit");
        String register = "0103" + "00".repeat(16) + A_HEX + "00100000";
        rejected(() -> CODEC.decodeRegister(bytes(register), ElementCodec.bytes()), 50, "exceeds the limit 65536");
    }

    @Test
    void theHeaderIsChecked() {
        rejected(() -> CODEC.decodeGCounter(bytes("")), 0, "truncated format version");
        rejected(() -> CODEC.decodeGCounter(bytes("0201 00000000")), 0, "unsupported format version 2");
        rejected(() -> CODEC.decodeGCounter(bytes("0109 00000000")), 1, "unknown type tag 9");
        rejected(() -> CODEC.decodeGCounter(bytes("0102 00000000 00000000")), 1, "expected a G_COUNTER");
        assertThat(CrdtCodec.kindOf(bytes("0105"))).isEqualTo(CrdtKind.HYPER_LOG_LOG);
    }

    @Test
    void trailingBytesAreRefused() {
        rejected(() -> CODEC.decodeGCounter(bytes("0101 00000000 00")), 6, "1 trailing bytes");
    }

    @Test
    void counterSlotsMustBeSortedPositiveAndFitALong() {
        String unsorted = "0101 00000002" + B_HEX + "0000000000000001" + A_HEX + "0000000000000001";
        rejected(() -> CODEC.decodeGCounter(bytes(unsorted)), 46, "strictly increasing");
        String duplicate = "0101 00000002" + A_HEX + "0000000000000001" + A_HEX + "0000000000000002";
        rejected(() -> CODEC.decodeGCounter(bytes(duplicate)), 46, "strictly increasing");
        rejected(() -> CODEC.decodeGCounter(bytes("0101 00000001" + A_HEX + "0000000000000000")), 38, "is zero");
        rejected(() -> CODEC.decodeGCounter(bytes("0101 00000001" + A_HEX + "8000000000000000")), 38, "2^63 - 1");
    }

    @Test
    void setEntriesMustBeSortedDistinctAndFlaggedZeroOrOne() {
        String entryB = "00000001 62" + "00".repeat(16) + A_HEX + "01";
        String entryA = "00000001 61" + "00".repeat(16) + A_HEX + "01";
        rejected(
                () -> CODEC.decodeSet(bytes("0104 00000002" + entryB + entryA), ElementCodec.utf8()),
                60,
                "strictly increasing");
        rejected(
                () -> CODEC.decodeSet(bytes("0104 00000002" + entryA + entryA), ElementCodec.utf8()),
                60,
                "strictly increasing");
        String badFlag = "0104 00000001 00000001 61" + "00".repeat(16) + A_HEX + "02";
        rejected(() -> CODEC.decodeSet(bytes(badFlag), ElementCodec.utf8()), 59, "flag must be 0x00");
    }

    @Test
    void elementsMustDecodeWithTheirCodec() {
        String overlong = "0104 00000001 00000002 c0af" + "00".repeat(16) + A_HEX + "01";
        rejected(() -> CODEC.decodeSet(bytes(overlong), ElementCodec.utf8()), 6, "does not decode");
        String shortId = "0104 00000001 00000003 010203" + "00".repeat(16) + A_HEX + "01";
        rejected(() -> CODEC.decodeSet(bytes(shortId), ElementCodec.nodeId()), 6, "a node id has 32 bytes, got 3");
    }

    @Test
    void aCodecThatIsNotCanonicalIsCaught() {
        // Reads any byte as a boolean but writes only 0 or 1: the byte 0x07 would come back as 0x01.
        ElementCodec<Boolean> lax = new ElementCodec<>() {
            @Override
            public byte[] encode(Boolean element) {
                return new byte[] {(byte) (element ? 1 : 0)};
            }

            @Override
            public Boolean decode(byte[] bytes) {
                return bytes.length == 1 && bytes[0] != 0;
            }
        };
        String register = "0103" + "00".repeat(16) + A_HEX + "00000001 07";
        rejected(() -> CODEC.decodeRegister(bytes(register), lax), 50, "not in the canonical form");
    }

    @Test
    void hyperLogLogRegistersMustBeInRangeAndInCanonicalForm() {
        rejected(() -> CODEC.decodeHyperLogLog(bytes("0105 03 00 00000000")), 2, "[4, 18]: 3");
        rejected(() -> CODEC.decodeHyperLogLog(bytes("0105 04 02")), 3, "form must be");
        rejected(() -> CODEC.decodeHyperLogLog(bytes("0105 04 00 00000001 000400")), 8, "index 16 is out of range");
        rejected(() -> CODEC.decodeHyperLogLog(bytes("0105 04 00 00000001 00003e")), 8, "[1, 61]: 62");
        rejected(() -> CODEC.decodeHyperLogLog(bytes("0105 04 00 00000001 000000")), 8, "[1, 61]: 0");
        rejected(() -> CODEC.decodeHyperLogLog(bytes("0105 04 00 00000002 000041 000041")), 11, "strictly increasing");
        rejected(
                () -> CODEC.decodeHyperLogLog(bytes("0105 04 00 00000004 000041 000081 0000c1 000101")),
                4,
                "exceeds the limit 3");
        rejected(
                () -> CODEC.decodeHyperLogLog(bytes("0105 04 01 0020c0" + "000000".repeat(3))),
                4,
                "the canonical form is sparse");
        rejected(
                () -> CODEC.decodeHyperLogLog(bytes("0105 04 01 fc20c4 1461c0 000000 000000")),
                4,
                "holds 63, over the largest rank 61");
    }

    @Test
    void customLimitsApplyToDecodingAndEncoding() {
        var strict = new CrdtCodec(new CrdtLimits(1, 4, 10));
        GCounter two = GCounter.empty().increment(A, 1).increment(NodeId.fromHex(B_HEX), 1);
        byte[] encoded = CODEC.encode(two);
        rejected(() -> strict.decodeGCounter(encoded), 2, "exceeds the limit 1");
        assertThatThrownBy(() -> strict.encode(two))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 slots, over the limit 1");
        var longValue = LwwRegister.of(ElementCodec.utf8(), "hello", new Dominance(0, 0, A));
        assertThatThrownBy(() -> strict.encode(longValue)).hasMessageContaining("5 bytes, over the limit 4");
        rejected(() -> strict.decodeRegister(CODEC.encode(longValue), ElementCodec.utf8()), 50, "exceeds the limit 4");
        assertThatThrownBy(() -> strict.encode(HyperLogLog.empty(14))).hasMessageContaining("14 is over the limit 10");
        assertThatThrownBy(() -> new CrdtLimits(-1, 0, 14)).hasMessageContaining("-1");
        assertThatThrownBy(() -> new CrdtLimits(0, 0, 19)).hasMessageContaining("19");
    }

    private static void rejected(Runnable decode, int offset, String problem) {
        AbstractThrowableAssert<?, ?> thrown = assertThatThrownBy(decode::run)
                .isInstanceOf(CrdtFormatException.class)
                .hasMessageContaining(problem)
                .hasMessageContaining("offset " + offset);
        thrown.satisfies(e -> assertThat(((CrdtFormatException) e).offset()).isEqualTo(offset));
    }

    private static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }
}
