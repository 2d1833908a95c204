package dev.cairn.core.crdt;

/**
 * A state-based CRDT: an immutable value whose states form a join semilattice under {@link #merge}.
 *
 * <p>Every implementation obeys, for all states {@code a}, {@code b}, {@code c} of one type:
 *
 * <ul>
 *   <li>commutative: {@code a.merge(b).equals(b.merge(a))};
 *   <li>associative: {@code a.merge(b).merge(c).equals(a.merge(b.merge(c)))};
 *   <li>idempotent: {@code a.merge(a).equals(a)};
 *   <li>deterministic encoding: equal states encode to identical bytes through {@link CrdtCodec}.
 * </ul>
 *
 * <p>So replicas that have merged the same states, in any order and with any repetition, are equal and encode to the
 * same bytes. "Modifying" methods return a new instance and leave the receiver unchanged. The family is closed so that
 * the codec can name every kind with a tag.
 *
 * @param <T> the implementing type
 */
public sealed interface Crdt<T extends Crdt<T>> permits GCounter, PNCounter, LwwRegister, LwwElementSet, HyperLogLog {
    /** The least upper bound of this state and {@code other}. */
    T merge(T other);
}
