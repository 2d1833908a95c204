package dev.cairn.core.crdt;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A last-writer-wins element set: for every element ever added or removed, the {@link Dominance} stamp of its latest
 * write and whether that write was an add or a remove (a tombstone).
 *
 * <p>This is the compact form of the two-set LWW-Element-Set: keeping only the winning write per element answers
 * {@code contains} exactly as the add set and remove set would. Merge keeps, per element, the write with the greater
 * stamp. <b>Bias: remove wins on equal stamps.</b> Equal stamps carry the same node id, so they can only come from one
 * writer contradicting itself; the set then keeps the safer answer (not a member), and the writer loses nothing since
 * its next write takes {@link Dominance#next} and wins. Writes per element are thus totally ordered by (stamp, remove
 * above add), merge is the per-element maximum, hence commutative, associative and idempotent.
 *
 * <p>Elements are held in their {@linkplain ElementCodec canonical encoding} and ordered by it as unsigned bytes;
 * iteration, equality and the wire form follow that order. Accessors decode fresh copies.
 *
 * <p>Expiry: tombstones and stale entries are kept until pruned. {@link #retainFrom(Dominance)} drops entries below a
 * stamp and commutes with merge, so replicas that prune at the same floor still converge. {@link #expireBefore(long)}
 * drops entries by wall-clock timestamp, what a TTL wants; it commutes with merge as long as no writer's timestamps go
 * backwards while its counters go up. Pruning is not a CRDT operation: a pruned entry comes back if a replica that
 * still holds it is merged in, so prune after merging, with a floor every replica agrees on.
 *
 * @param <E> the element type
 */
public final class LwwElementSet<E> implements Crdt<LwwElementSet<E>> {
    /** The winning write of one element: its stamp, and whether it added ({@code present}) or removed the element. */
    public record Entry<E>(E element, Dominance dominance, boolean present) {}

    private final ElementCodec<E> codec;
    // Parallel arrays sorted by key (the encoded element), strictly increasing as unsigned bytes. Never mutated.
    private final byte[][] keys;
    private final Dominance[] dominances;
    private final boolean[] present;

    private LwwElementSet(ElementCodec<E> codec, byte[][] keys, Dominance[] dominances, boolean[] present) {
        this.codec = codec;
        this.keys = keys;
        this.dominances = dominances;
        this.present = present;
    }

    public static <E> LwwElementSet<E> empty(ElementCodec<E> codec) {
        return new LwwElementSet<>(
                Objects.requireNonNull(codec, "codec"), new byte[0][], new Dominance[0], new boolean[0]);
    }

    /**
     * The set holding {@code writes}, as if each were applied in turn (so in any order: the winner of an element is its
     * greatest write). Sorts once instead of copying the arrays on every write, for building a large set at once.
     */
    public static <E> LwwElementSet<E> of(ElementCodec<E> codec, Collection<Entry<E>> writes) {
        Objects.requireNonNull(codec, "codec");
        record Keyed(byte[] key, Dominance dominance, boolean present) {}
        var keyed = new ArrayList<Keyed>(writes.size());
        for (Entry<E> w : writes) {
            byte[] key = Objects.requireNonNull(codec.encode(w.element()), "encoded element");
            keyed.add(new Keyed(key, Objects.requireNonNull(w.dominance(), "dominance"), w.present()));
        }
        keyed.sort((a, b) -> Arrays.compareUnsigned(a.key(), b.key()));
        int n = 0;
        byte[][] k = new byte[keyed.size()][];
        Dominance[] d = new Dominance[keyed.size()];
        boolean[] p = new boolean[keyed.size()];
        for (Keyed w : keyed) {
            if (n > 0 && Arrays.equals(k[n - 1], w.key())) {
                if (!wins(d[n - 1], p[n - 1], w.dominance(), w.present())) {
                    d[n - 1] = w.dominance();
                    p[n - 1] = w.present();
                }
            } else {
                k[n] = w.key();
                d[n] = w.dominance();
                p[n] = w.present();
                n++;
            }
        }
        return new LwwElementSet<>(codec, Arrays.copyOf(k, n), Arrays.copyOf(d, n), Arrays.copyOf(p, n));
    }

    /** Built by a decoder from entries it has checked to be canonical and sorted; takes ownership. */
    static <E> LwwElementSet<E> ofSorted(
            ElementCodec<E> codec, byte[][] keys, Dominance[] dominances, boolean[] present) {
        return new LwwElementSet<>(codec, keys, dominances, present);
    }

    /** This set after adding {@code element} under {@code dominance}; unchanged if a dominating write is known. */
    public LwwElementSet<E> add(E element, Dominance dominance) {
        return write(element, dominance, true);
    }

    /** This set after removing {@code element} under {@code dominance}; the tombstone is kept to win over older adds. */
    public LwwElementSet<E> remove(E element, Dominance dominance) {
        return write(element, dominance, false);
    }

    public boolean contains(E element) {
        int i = indexOf(encode(element));
        return i >= 0 && present[i];
    }

    /** The winning write of {@code element}, if any write is known. */
    public Optional<Entry<E>> lookup(E element) {
        int i = indexOf(encode(element));
        return i >= 0 ? Optional.of(entryAt(i)) : Optional.empty();
    }

    /** The present elements, in canonical order. */
    public List<E> elements() {
        var out = new ArrayList<E>();
        for (int i = 0; i < keys.length; i++) {
            if (present[i]) {
                out.add(codec.decode(keys[i]));
            }
        }
        return List.copyOf(out);
    }

    /** Every known write, tombstones included, in canonical order. */
    public List<Entry<E>> entries() {
        var out = new ArrayList<Entry<E>>(keys.length);
        for (int i = 0; i < keys.length; i++) {
            out.add(entryAt(i));
        }
        return List.copyOf(out);
    }

    /** How many elements are present. */
    public int size() {
        int n = 0;
        for (boolean p : present) {
            n += p ? 1 : 0;
        }
        return n;
    }

    /** How many entries are held, tombstones included: what the wire form and its limit count. */
    public int entryCount() {
        return keys.length;
    }

    public ElementCodec<E> codec() {
        return codec;
    }

    @Override
    public LwwElementSet<E> merge(LwwElementSet<E> other) {
        requireSameCodec(other);
        if (other == this || other.keys.length == 0) {
            return this;
        }
        if (keys.length == 0) {
            return other;
        }
        int capacity = keys.length + other.keys.length;
        byte[][] k = new byte[capacity][];
        Dominance[] d = new Dominance[capacity];
        boolean[] p = new boolean[capacity];
        int i = 0, j = 0, n = 0;
        while (i < keys.length && j < other.keys.length) {
            int cmp = Arrays.compareUnsigned(keys[i], other.keys[j]);
            boolean takeMine =
                    cmp < 0 || (cmp == 0 && wins(dominances[i], present[i], other.dominances[j], other.present[j]));
            if (takeMine) {
                k[n] = keys[i];
                d[n] = dominances[i];
                p[n++] = present[i];
            } else {
                k[n] = other.keys[j];
                d[n] = other.dominances[j];
                p[n++] = other.present[j];
            }
            if (cmp <= 0) {
                i++;
            }
            if (cmp >= 0) {
                j++;
            }
        }
        for (; i < keys.length; i++, n++) {
            k[n] = keys[i];
            d[n] = dominances[i];
            p[n] = present[i];
        }
        for (; j < other.keys.length; j++, n++) {
            k[n] = other.keys[j];
            d[n] = other.dominances[j];
            p[n] = other.present[j];
        }
        return new LwwElementSet<>(codec, Arrays.copyOf(k, n), Arrays.copyOf(d, n), Arrays.copyOf(p, n));
    }

    /** This set without the entries (adds and tombstones) whose stamp is below {@code floor}; commutes with merge. */
    public LwwElementSet<E> retainFrom(Dominance floor) {
        Objects.requireNonNull(floor, "floor");
        return filter(i -> dominances[i].compareTo(floor) >= 0);
    }

    /** This set without the entries (adds and tombstones) whose stamp's timestamp is before {@code timestampMillis}. */
    public LwwElementSet<E> expireBefore(long timestampMillis) {
        return filter(i -> dominances[i].timestampMillis() >= timestampMillis);
    }

    byte[] keyAt(int i) {
        return keys[i];
    }

    Dominance dominanceAt(int i) {
        return dominances[i];
    }

    boolean presentAt(int i) {
        return present[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LwwElementSet<?> s
                && codec.equals(s.codec)
                && Arrays.deepEquals(keys, s.keys)
                && Arrays.equals(dominances, s.dominances)
                && Arrays.equals(present, s.present);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.deepHashCode(keys) + Arrays.hashCode(dominances)) + Arrays.hashCode(present);
    }

    @Override
    public String toString() {
        var sb = new StringBuilder("LwwElementSet{");
        for (int i = 0; i < keys.length; i++) {
            sb.append(i == 0 ? "" : ", ")
                    .append(present[i] ? "+" : "-")
                    .append(HexFormat.of().formatHex(keys[i]));
            sb.append(" @ ").append(dominances[i]);
        }
        return sb.append('}').toString();
    }

    /** Whether write a (stamp, add or remove) beats write b of the same element: greater stamp, else remove wins. */
    private static boolean wins(Dominance a, boolean aPresent, Dominance b, boolean bPresent) {
        int cmp = a.compareTo(b);
        return cmp != 0 ? cmp > 0 : !aPresent || bPresent;
    }

    private LwwElementSet<E> write(E element, Dominance dominance, boolean add) {
        Objects.requireNonNull(dominance, "dominance");
        byte[] key = encode(element);
        int i = indexOf(key);
        if (i >= 0) {
            if (wins(dominances[i], present[i], dominance, add)) {
                return this;
            }
            Dominance[] d = dominances.clone();
            boolean[] p = present.clone();
            d[i] = dominance;
            p[i] = add;
            return new LwwElementSet<>(codec, keys, d, p);
        }
        int at = -i - 1;
        int n = keys.length;
        byte[][] k = new byte[n + 1][];
        Dominance[] d = new Dominance[n + 1];
        boolean[] p = new boolean[n + 1];
        System.arraycopy(keys, 0, k, 0, at);
        System.arraycopy(dominances, 0, d, 0, at);
        System.arraycopy(present, 0, p, 0, at);
        k[at] = key;
        d[at] = dominance;
        p[at] = add;
        System.arraycopy(keys, at, k, at + 1, n - at);
        System.arraycopy(dominances, at, d, at + 1, n - at);
        System.arraycopy(present, at, p, at + 1, n - at);
        return new LwwElementSet<>(codec, k, d, p);
    }

    private LwwElementSet<E> filter(java.util.function.IntPredicate keep) {
        int n = 0;
        int[] kept = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            if (keep.test(i)) {
                kept[n++] = i;
            }
        }
        if (n == keys.length) {
            return this;
        }
        byte[][] k = new byte[n][];
        Dominance[] d = new Dominance[n];
        boolean[] p = new boolean[n];
        for (int x = 0; x < n; x++) {
            k[x] = keys[kept[x]];
            d[x] = dominances[kept[x]];
            p[x] = present[kept[x]];
        }
        return new LwwElementSet<>(codec, k, d, p);
    }

    private Entry<E> entryAt(int i) {
        return new Entry<>(codec.decode(keys[i]), dominances[i], present[i]);
    }

    private byte[] encode(E element) {
        Objects.requireNonNull(element, "element");
        return Objects.requireNonNull(codec.encode(element), "encoded element");
    }

    private int indexOf(byte[] key) {
        int lo = 0, hi = keys.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int cmp = Arrays.compareUnsigned(keys[mid], key);
            if (cmp < 0) {
                lo = mid + 1;
            } else if (cmp > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }

    private void requireSameCodec(LwwElementSet<E> other) {
        if (!codec.equals(other.codec)) {
            throw new IllegalArgumentException(
                    "cannot merge sets with different codecs: " + codec + " and " + other.codec);
        }
    }
}
