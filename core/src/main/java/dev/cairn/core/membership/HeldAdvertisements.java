package dev.cairn.core.membership;

import dev.cairn.core.canonical.JsonInteger;
import dev.cairn.core.canonical.JsonObject;
import dev.cairn.core.canonical.JsonString;
import dev.cairn.core.hash.Digest256;
import dev.cairn.core.hash.LowerHex;
import dev.cairn.core.id.NodeId;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Set;

/**
 * The advertisement versions a caller holds, as a Bloom filter over {@code (node_id, ts)} salted with the handshake's
 * nonce: the {@code held_advertisements} member of a handshake. A responder forwards the versions the filter does not
 * hold, so each response carries news instead of copies the caller already has (pull gossip, as in anti-entropy with
 * digests). A false positive only delays one version until another request, whose fresh nonce draws other bit
 * positions; a lying filter only starves its own sender.
 *
 * <p>Bit positions, exact so that any implementation tests the same bits (see {@code docs/protocol.md}): with {@code a}
 * the first 8 bytes of the NodeId, {@code s0} and {@code s1} the two halves of the nonce, all big-endian unsigned 64-bit,
 * {@code u = mix(a ^ s0)}, {@code h1 = mix(u ^ ts ^ s1)}, {@code h2 = mix(h1 ^ s0) | 1}; hash {@code i} sets bit
 * {@code (h1 + i·h2) mod m} (unsigned, wrapping), bit {@code j} being bit {@code j mod 8} (least significant first) of
 * byte {@code j / 8}; {@code mix} is the SplitMix64 finalizer.
 */
public final class HeldAdvertisements {
    /** Largest filter: 16 KiB of bits (32 KiB of hex), a small part of the 1 MiB a node reads per request. */
    static final int MAX_BYTES = 16_384;
    /** Smallest filter, for a node that holds nothing or little yet. */
    static final int MIN_BYTES = 8;

    static final int MAX_HASHES = 16;
    /** Ten bits per held version and seven hashes give about 1% false positives. */
    private static final int BITS_PER_ENTRY = 10;

    private static final Set<String> FIELDS = Set.of("bits", "hashes");

    private final byte[] bits;
    private final int hashes;

    private HeldAdvertisements(byte[] bits, int hashes) {
        if (bits.length < MIN_BYTES || bits.length > MAX_BYTES) {
            throw new IllegalArgumentException("held advertisements filter must have " + MIN_BYTES + ".." + MAX_BYTES
                    + " bytes, got " + bits.length);
        }
        if (hashes < 1 || hashes > MAX_HASHES) {
            throw new IllegalArgumentException(
                    "held advertisements filter must use 1.." + MAX_HASHES + " hashes, got " + hashes);
        }
        this.bits = bits;
        this.hashes = hashes;
    }

    /** A filter sized for {@code held}, salted with {@code nonce} (the handshake's, 32 lowercase hex characters). */
    public static HeldAdvertisements of(Collection<MemberAdvertisement> held, String nonce) {
        var filter = sized(held.size());
        long[] salt = salt(nonce);
        for (MemberAdvertisement a : held) {
            filter.add(a.node().nodeId(), a.ts(), salt);
        }
        return filter;
    }

    /**
     * An empty filter for {@code entries} versions: 10 bits each, at least {@value #MIN_BYTES} and at most
     * {@value #MAX_BYTES} bytes, with the number of hashes that minimises false positives at that load, {@code round(m
     * / n · ln 2)} within [1, {@value #MAX_HASHES}].
     */
    static HeldAdvertisements sized(int entries) {
        long n = Math.max(1, entries);
        int bytes = (int) Math.clamp((n * BITS_PER_ENTRY + 7) / 8, MIN_BYTES, MAX_BYTES);
        int k = (int) Math.clamp(Math.round(8.0 * bytes / n * Math.log(2)), 1, MAX_HASHES);
        return new HeldAdvertisements(new byte[bytes], k);
    }

    /** Whether the version {@code (node, ts)} may be held: false means surely not. */
    public boolean mightHold(NodeId node, long ts, String nonce) {
        return mightHold(node, ts, salt(nonce));
    }

    boolean mightHold(NodeId node, long ts, long[] salt) {
        return positions(node, ts, salt, false);
    }

    void add(NodeId node, long ts, long[] salt) {
        positions(node, ts, salt, true);
    }

    /** Walks the version's bit positions, setting each if {@code set}; true if all were set before. */
    private boolean positions(NodeId node, long ts, long[] salt, boolean set) {
        long m = 8L * bits.length;
        long h1 = h1(node, ts, salt);
        long h2 = mix(h1 ^ salt[0]) | 1;
        boolean all = true;
        for (int i = 0; i < hashes; i++) {
            long j = Long.remainderUnsigned(h1 + i * h2, m);
            int index = (int) (j >>> 3);
            int bit = 1 << (j & 7);
            if ((bits[index] & bit) == 0) {
                if (!set) {
                    return false;
                }
                all = false;
                bits[index] |= (byte) bit;
            }
        }
        return all;
    }

    private static long h1(NodeId node, long ts, long[] salt) {
        Digest256 id = node.value();
        long a = 0;
        for (int i = 0; i < 8; i++) {
            a = (a << 8) | id.byteAt(i);
        }
        return mix(mix(a ^ salt[0]) ^ ts ^ salt[1]);
    }

    /** The nonce's two big-endian 64-bit halves. */
    static long[] salt(String nonce) {
        byte[] n = LowerHex.decode(nonce);
        if (n == null || n.length != 16) {
            throw new IllegalArgumentException("a nonce is 32 lowercase hex characters, got " + Wire.describe(nonce));
        }
        long s0 = 0;
        long s1 = 0;
        for (int i = 0; i < 8; i++) {
            s0 = (s0 << 8) | (n[i] & 0xff);
            s1 = (s1 << 8) | (n[8 + i] & 0xff);
        }
        return new long[] {s0, s1};
    }

    /** The SplitMix64 finalizer: a cheap bijection whose output bits each depend on every input bit. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    public int hashes() {
        return hashes;
    }

    /** Size in bits. */
    public int size() {
        return 8 * bits.length;
    }

    public JsonObject toJson() {
        return JsonObject.builder()
                .put("bits", HexFormat.of().formatHex(bits))
                .put("hashes", hashes)
                .build();
    }

    /** Parses the wire form strictly. */
    static HeldAdvertisements fromJson(String what, JsonObject json) {
        Wire.requireExactly(what, json, FIELDS);
        String hex = Wire.get(what, json, "bits", JsonString.class).value();
        byte[] bytes = hex.length() <= 2 * MAX_BYTES ? LowerHex.decode(hex) : null;
        if (bytes == null || bytes.length < MIN_BYTES) {
            throw Wire.malformed(what + ".bits must be " + 2 * MIN_BYTES + ".." + 2 * MAX_BYTES
                    + " lowercase hex characters, an even number, got " + Wire.describe(hex));
        }
        long k = Wire.get(what, json, "hashes", JsonInteger.class).value();
        if (k < 1 || k > MAX_HASHES) {
            throw Wire.malformed(what + ".hashes must be in [1, " + MAX_HASHES + "], got " + k);
        }
        return new HeldAdvertisements(bytes, (int) k);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HeldAdvertisements h && h.hashes == hashes && Arrays.equals(h.bits, bits);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(bits) + hashes;
    }

    @Override
    public String toString() {
        return "HeldAdvertisements[" + size() + " bits, " + hashes + " hashes]";
    }
}
