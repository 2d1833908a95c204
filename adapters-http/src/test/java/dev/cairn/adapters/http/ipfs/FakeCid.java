package dev.cairn.adapters.http.ipfs;

import dev.cairn.core.hash.Blake3;
import dev.cairn.core.ipfs.Cid;

/**
 * The CID {@link FakeKubo} answers for a blob: a well-formed CIDv1 in base32 (version 1, codec raw {@code 0x55},
 * multihash BLAKE3-256 {@code 0x1e}) of the whole blob. It is deterministic and shaped like Kubo's answers, but it is
 * <b>not</b> Kubo's algorithm: Kubo cuts the blob into 256 KiB chunks, hashes them with SHA2-256 and links them in a
 * UnixFS DAG, so a real daemon answers another CID for the same bytes. Tests only rely on the fake agreeing with
 * itself.
 */
final class FakeCid {
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private FakeCid() {}

    static Cid of(byte[] blob) {
        byte[] digest = Blake3.hash(blob);
        byte[] cid = new byte[4 + digest.length];
        cid[0] = 0x01; // CID version 1
        cid[1] = 0x55; // multicodec raw
        cid[2] = 0x1e; // multihash blake3
        cid[3] = (byte) digest.length;
        System.arraycopy(digest, 0, cid, 4, digest.length);
        return new Cid("b" + base32(cid));
    }

    /** RFC 4648 base32, lowercase, no padding: multibase {@code b}. */
    static String base32(byte[] bytes) {
        var out = new StringBuilder((bytes.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32[(buffer >>> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(BASE32[(buffer << (5 - bits)) & 31]);
        }
        return out.toString();
    }
}
