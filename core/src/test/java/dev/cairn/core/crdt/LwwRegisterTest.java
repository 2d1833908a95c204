package dev.cairn.core.crdt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.id.NodeId;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class LwwRegisterTest {
    private static final NodeId A = CrdtArbitraries.node(0x01);
    private static final NodeId B = CrdtArbitraries.node(0x80);

    @Property(tries = 1000)
    void mergeIsCommutative(@ForAll("registers") LwwRegister<String> a, @ForAll("registers") LwwRegister<String> b) {
        Laws.mergeIsCommutative(a, b);
    }

    @Property(tries = 1000)
    void mergeIsAssociative(
            @ForAll("registers") LwwRegister<String> a,
            @ForAll("registers") LwwRegister<String> b,
            @ForAll("registers") LwwRegister<String> c) {
        Laws.mergeIsAssociative(a, b, c);
    }

    @Property(tries = 1000)
    void mergeIsIdempotent(@ForAll("registers") LwwRegister<String> a, @ForAll("registers") LwwRegister<String> b) {
        Laws.mergeIsIdempotent(a, b);
    }

    @Property(tries = 1000)
    void mergeKeepsTheDominantWrite(
            @ForAll("registers") LwwRegister<String> a, @ForAll("registers") LwwRegister<String> b) {
        LwwRegister<String> winner = a.merge(b);
        assertThat(winner.dominance()).isEqualTo(Dominance.max(a.dominance(), b.dominance()));
        assertThat(winner).isIn(a, b);
    }

    @Property(tries = 1000)
    void fiveReplicasConvergeWhateverTheDeliveryOrder(
            @ForAll("writes") List<LwwRegister<String>> writes, @ForAll long seed) {
        if (!writes.isEmpty()) {
            Laws.replicasConverge(writes.getFirst(), writes, seed);
        }
    }

    @Test
    void theHigherStampWinsWhicheverSideItIsOn() {
        var older = LwwRegister.of(ElementCodec.utf8(), "old", new Dominance(1, 500, B));
        var newer = LwwRegister.of(ElementCodec.utf8(), "new", new Dominance(2, 100, A));
        assertThat(older.merge(newer).value()).isEqualTo("new");
        assertThat(newer.merge(older).value()).isEqualTo("new");
        assertThat(older.set("newest", older.dominance().next(50, A)).value()).isEqualTo("newest");
    }

    @Test
    void aWriterReusingAStampIsResolvedByTheGreaterEncoding() {
        var stamp = new Dominance(3, 3, A);
        var small = LwwRegister.of(ElementCodec.bytes(), new byte[] {0x01, 0x02}, stamp);
        var large = LwwRegister.of(ElementCodec.bytes(), new byte[] {(byte) 0x80}, stamp);
        assertThat(small.merge(large)).isEqualTo(large);
        assertThat(large.merge(small)).isEqualTo(large);
    }

    @Test
    void byteArrayValuesCannotBeChangedFromOutside() {
        byte[] value = {1, 2, 3};
        var register = LwwRegister.of(ElementCodec.bytes(), value, new Dominance(0, 0, A));
        value[0] = 9;
        register.value()[1] = 9;
        assertThat(register.value()).containsExactly(1, 2, 3);
        assertThat(register)
                .isEqualTo(LwwRegister.of(ElementCodec.bytes(), new byte[] {1, 2, 3}, register.dominance()));
    }

    @Test
    void registersOfDifferentCodecsDoNotMerge() {
        var bytes = LwwRegister.of(ElementCodec.bytes(), new byte[] {0x61}, new Dominance(0, 0, A));
        @SuppressWarnings({"unchecked", "rawtypes"})
        LwwRegister<byte[]> text = (LwwRegister) LwwRegister.of(ElementCodec.utf8(), "a", new Dominance(0, 0, A));
        assertThatThrownBy(() -> bytes.merge(text)).hasMessageContaining("different codecs");
    }

    @Provide
    Arbitrary<LwwRegister<String>> registers() {
        return CrdtArbitraries.registers();
    }

    @Provide
    Arbitrary<List<LwwRegister<String>>> writes() {
        return CrdtArbitraries.registers().list().ofMaxSize(20);
    }
}
