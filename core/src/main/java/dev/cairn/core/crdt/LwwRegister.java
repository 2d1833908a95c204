package dev.cairn.core.crdt;

import java.util.Arrays;
import java.util.Objects;

/**
 * A last-writer-wins register: one value and the {@link Dominance} stamp of the write that set it.
 *
 * <p>Merge keeps the state with the greater stamp. Because the stamp contains the writer's node id, two different
 * writers never tie; a tie can only come from one writer reusing a stamp for two values. That case is still resolved
 * deterministically: the value whose {@linkplain ElementCodec canonical encoding} is greater as unsigned bytes
 * (lexicographically, a proper prefix being smaller) wins. States are thus totally ordered by (stamp, encoding) and
 * merge is the maximum, hence commutative, associative and idempotent.
 *
 * <p>The value is held in encoded form, so the register is immutable even for a {@code byte[]} value, and
 * {@link #value()} decodes a fresh copy on each call.
 *
 * @param <T> the value type
 */
public final class LwwRegister<T> implements Crdt<LwwRegister<T>> {
    private final ElementCodec<T> codec;
    private final byte[] encodedValue;
    private final Dominance dominance;

    private LwwRegister(ElementCodec<T> codec, byte[] encodedValue, Dominance dominance) {
        this.codec = codec;
        this.encodedValue = encodedValue;
        this.dominance = dominance;
    }

    /** A register holding {@code value} as written under {@code dominance}. */
    public static <T> LwwRegister<T> of(ElementCodec<T> codec, T value, Dominance dominance) {
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(dominance, "dominance");
        return new LwwRegister<>(codec, Objects.requireNonNull(codec.encode(value), "encoded value"), dominance);
    }

    /** Built by a decoder from bytes it has checked to be canonical; takes ownership. */
    static <T> LwwRegister<T> ofEncoded(ElementCodec<T> codec, byte[] encodedValue, Dominance dominance) {
        return new LwwRegister<>(codec, encodedValue, dominance);
    }

    /** This register after a write of {@code value} under {@code dominance}: the merge with that write. */
    public LwwRegister<T> set(T value, Dominance dominance) {
        return merge(of(codec, value, dominance));
    }

    @Override
    public LwwRegister<T> merge(LwwRegister<T> other) {
        if (!codec.equals(other.codec)) {
            throw new IllegalArgumentException(
                    "cannot merge registers with different codecs: " + codec + " and " + other.codec);
        }
        int cmp = dominance.compareTo(other.dominance);
        if (cmp == 0) {
            cmp = Arrays.compareUnsigned(encodedValue, other.encodedValue);
        }
        return cmp >= 0 ? this : other;
    }

    /** A freshly decoded copy of the value. */
    public T value() {
        return codec.decode(encodedValue);
    }

    public Dominance dominance() {
        return dominance;
    }

    public ElementCodec<T> codec() {
        return codec;
    }

    byte[] encodedValue() {
        return encodedValue;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LwwRegister<?> r
                && codec.equals(r.codec)
                && dominance.equals(r.dominance)
                && Arrays.equals(encodedValue, r.encodedValue);
    }

    @Override
    public int hashCode() {
        return 31 * dominance.hashCode() + Arrays.hashCode(encodedValue);
    }

    @Override
    public String toString() {
        Object shown = value() instanceof byte[] b ? java.util.HexFormat.of().formatHex(b) : value();
        return "LwwRegister[" + shown + " @ " + dominance + "]";
    }
}
