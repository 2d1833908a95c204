package dev.cairn.core.crdt;

import dev.cairn.core.id.NodeId;

/**
 * The canonical byte form of the elements of an {@link LwwElementSet} or the value of an {@link LwwRegister}.
 *
 * <p>The LWW types key, order, compare and encode elements by these bytes, so a codec must be a bijection between
 * elements and the byte strings it accepts: equal elements encode to equal bytes, and {@code encode(decode(b))} equals
 * {@code b} for every {@code b} that {@code decode} accepts. The decoder re-encodes what it decodes and rejects any
 * input that does not come back byte for byte. Elements are stored in encoded form, so what the LWW types hand back is
 * always a fresh decoded copy, even for {@code byte[]}.
 *
 * @param <E> the element type
 */
public interface ElementCodec<E> {
    /** The canonical bytes of {@code element}; throws {@link IllegalArgumentException} if it has none. */
    byte[] encode(E element);

    /** The element encoded by {@code bytes}; throws {@link IllegalArgumentException} if they encode none. */
    E decode(byte[] bytes);

    /** Raw bytes, as they are. */
    static ElementCodec<byte[]> bytes() {
        return StandardElementCodecs.BYTES;
    }

    /** Strings as strict UTF-8: unpaired surrogates cannot be encoded; malformed or overlong UTF-8 does not decode. */
    static ElementCodec<String> utf8() {
        return StandardElementCodecs.UTF8;
    }

    /** Node ids as their 32 bytes. */
    static ElementCodec<NodeId> nodeId() {
        return StandardElementCodecs.NODE_ID;
    }
}
